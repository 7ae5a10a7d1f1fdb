import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, LocalRedisServer } from './local-redis-server';

describe('local redis-server', () => {
  it('keeps what was written across a crash, with append-only persistence and no eviction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-redis-'));
    const redis = await new LocalRedisServer({ dataDir: dir }).start();
    try {
      expect(await command(redis, 'CONFIG GET maxmemory-policy')).toContain('noeviction');
      await command(redis, 'SET reminder:1 scheduled');
      await new Promise((r) => setTimeout(r, 1100)); // appendfsync everysec
      await redis.restart('SIGKILL');
      expect(await command(redis, 'GET reminder:1')).toContain('scheduled');
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the embedded redis-server is its data folder's own", () => {
  let dir: string;
  const servers: LocalRedisServer[] = [];
  const server = (options: Partial<ConstructorParameters<typeof LocalRedisServer>[0]> = {}) => {
    const s = new LocalRedisServer({ dataDir: join(dir, 'redis'), ...options });
    servers.push(s);
    return s;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'goal-sheet-owned-redis-'))));
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a redis-server left running by a previous start (its parent killed with kill -9) before starting its own', async () => {
    const previous = await server().start();
    const leftover = previous.pid!;
    // The parent dies without stopping its child: nothing of `previous` runs again.
    const next = await server().start();
    expect(alive(leftover)).toBe(false);
    expect(next.pid).not.toBe(leftover);
    expect(await command(next, 'PING')).toContain('PONG');
  });

  it('refuses a port held by another process, naming the port', async () => {
    const foreign = await new LocalRedisServer({ dataDir: join(dir, 'elsewhere') }).start();
    servers.push(foreign);
    await expect(server({ port: foreign.port }).start()).rejects.toThrow(new RegExp(`port ${foreign.port} is taken`));
    expect(await command(foreign, 'PING')).toContain('PONG'); // left alone
  });

  it("refuses Redis data that carries another data folder's identity", async () => {
    const first = await server({ identity: 'folder-a' }).start();
    await first.stop();
    const refused = server({ identity: 'folder-b' });
    await expect(refused.start()).rejects.toThrow(/holds the data of another data folder/);
    // A failed start leaves no redis-server behind.
    await expect(command(refused.port, 'PING', 500)).rejects.toThrow();
    expect(refused.pid).toBeUndefined();
    expect(await server({ identity: 'folder-a' }).start()).toBeDefined();
  });

  it('restarts its child when it dies, on the same port, keeping the data', async () => {
    const redis = await server({ supervise: true }).start();
    await command(redis, 'SET kept yes');
    await command(redis, 'BGREWRITEAOF');
    await new Promise((r) => setTimeout(r, 1100));
    const first = redis.pid!;
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (redis.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(redis.restarts).toBe(1);
    expect(redis.pid).not.toBe(first);
    expect(await command(redis, 'GET kept')).toContain('yes');
  });

  it('is stopped when its process exits, even through process.exit', async () => {
    const script = `
      const { LocalRedisServer } = require(${JSON.stringify(join(__dirname, 'local-redis-server.ts'))});
      new LocalRedisServer({ dataDir: ${JSON.stringify(join(dir, 'redis'))} }).start().then((r) => {
        console.log(r.pid);
        process.exit(0);
      });`;
    const out = execFileSync(process.execPath, ['-r', join(__dirname, '../../../bench/register.js'), '-e', script], {
      encoding: 'utf8',
    });
    const pid = Number(out.trim());
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}
