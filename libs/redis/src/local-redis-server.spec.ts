import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { LocalRedisServer } from './local-redis-server';

function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1', () => socket.write(line + '\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.once('error', reject);
  });
}

describe('local redis-server', () => {
  it('keeps what was written across a crash, with append-only persistence and no eviction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-redis-'));
    const redis = await new LocalRedisServer({ dataDir: dir }).start();
    try {
      expect(await command(redis.port, 'CONFIG GET maxmemory-policy')).toContain('noeviction');
      await command(redis.port, 'SET reminder:1 scheduled');
      await new Promise((r) => setTimeout(r, 1100)); // appendfsync everysec
      await redis.restart('SIGKILL');
      expect(await command(redis.port, 'GET reminder:1')).toContain('scheduled');
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
