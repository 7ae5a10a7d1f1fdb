/**
 * The embedded default's data folder as another local account would find it: the redis-server asks for
 * a password kept in the folder, every file is readable by the service's user only, and a folder other
 * users may write is refused at start.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, preflight } from '@goals/infrastructure';
import { command } from '@goals/redis';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_SHEET } from '../support/sample-goal';

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): { path: string; mode: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => {
    const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    return { path: path.slice(dir.length + 1), mode: (statSync(path).mode & 0o777).toString(8) };
  });
}

describe('the data folder of the embedded default', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp({});
    // Something written, so the append-only file and the event file hold data.
    expect((await app.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).status).toBe(201);
  });
  afterAll(() => app?.close());

  it('runs its redis-server with a generated password kept in the folder, mode 0600', async () => {
    const redisDir = join(app.config.dataDir, 'redis');
    const { port } = JSON.parse(readFileSync(join(redisDir, 'redis-server.pid'), 'utf8')) as { port: number };
    expect(await command(port, 'GET goal-sheet:data-folder-id')).toMatch(/^-NOAUTH/);
    expect(await command({ port, password: 'guessed' }, 'PING')).toMatch(/^-(WRONGPASS|ERR)/);
    const password = readFileSync(join(redisDir, 'redis-password'), 'utf8').trim();
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(await command({ port, password }, 'PING')).toContain('PONG');
    expect((statSync(join(redisDir, 'redis-password')).mode & 0o777).toString(8)).toBe('600');
  });

  it('keeps every file (events, Redis data, secrets) to the service user alone', async () => {
    const all = modes(app.config.dataDir);
    expect(all.map((f) => f.path)).toEqual(
      expect.arrayContaining(['events.sqlite', 'redis/redis-password', 'jwt-secret']),
    );
    expect(all.some((f) => f.path.startsWith('redis/appendonly'))).toBe(true);
    const open = all.filter((f) => (parseInt(f.mode, 8) & 0o077) !== 0);
    expect(open).toEqual([]);
  });

  it('refuses to start on a folder other users may write, naming it and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-open-'));
    try {
      chmodSync(dir, 0o777);
      const config = loadConfig({ DATA_DIR: dir, PORT: '0', EMBEDDED_REDIS_PORT: '0' });
      await expect(preflight(config)).rejects.toThrow(
        `DATA_DIR ${dir} can be written by other users (mode 777); make it this user's alone (chmod go-w ${dir}) or set DATA_DIR to another folder`,
      );
      chmodSync(dir, 0o775);
      await expect(preflight(config)).rejects.toThrow(/can be written by other users \(mode 775\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
