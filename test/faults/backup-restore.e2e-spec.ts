/**
 * Backup while the service runs and writes, restore while it is stopped: the commands of the
 * README, as real processes on the embedded default.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../../apps/api/src/auth/token-keys';
import { loadConfig } from '@goals/infrastructure';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';
import { ApiProcess, spawnApi, waitUntilReady } from '../support/service-process';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

function cli(
  name: 'backup' | 'restore',
  file: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', join(ROOT, 'bench', 'register.js'), join(ROOT, 'apps', 'api', 'src', 'cli', `${name}.ts`), file],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('backup and restore of the embedded default', () => {
  let dir: string;
  let api: ApiProcess | undefined;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'goal-sheet-backup-'))));
  afterAll(async () => {
    // SIGTERM: the api stops the redis-server it started (SIGKILL would leave it running on its port).
    await api?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up online during writes, refuses to restore while the service runs, and restores with read models rebuilt', async () => {
    const dataDir = join(dir, 'data');
    // Its own ports for the api and its Redis: the tools (restore) start the folder's redis-server too, and
    // a service running on the defaults beside the tests must not matter.
    const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000', EMBEDDED_REDIS_PORT: '0' };
    api = await spawnApi(env);
    await waitUntilReady(api);
    const config = loadConfig({ DATA_DIR: dataDir });
    const headers = async (user: string) => ({
      authorization: `Bearer ${await mintToken(config, user)}`,
      'content-type': 'application/json',
    });
    const post = async (user: string, path: string, body: unknown) => {
      const response = await fetch(`${api!.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: await headers(user),
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const sheetId = (await post('bucho', '/sheets', SAMPLE_SHEET)).body.sheetId as string;
    const before: string[] = [];
    for (let i = 0; i < 5; i++)
      before.push(
        (await post('kacho-shimin', `/sheets/${sheetId}/goals`, { ...SAMPLE_GOAL, title: `バックアップ前 ${i}` })).body
          .goalId,
      );

    // Writes go on during the backup.
    let writing = true;
    const during = (async () => {
      for (let i = 0; writing; i++)
        await post('kacho-keizai', `/sheets/${sheetId}/goals`, {
          ...SAMPLE_GOAL,
          sections: ['経済課'],
          title: `最中 ${i}`,
        });
    })();
    const backupFile = join(dir, 'events-backup.sqlite');
    const backup = await cli('backup', backupFile, env);
    writing = false;
    await during;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const summary = JSON.parse(backup.stdout) as { ok: boolean; checked: number };
    expect(summary.ok).toBe(true);
    expect(summary.checked).toBeGreaterThanOrEqual(1 + 2 * 5);

    const after = (await post('kacho-shimin', `/sheets/${sheetId}/goals`, { ...SAMPLE_GOAL, title: 'バックアップ後' }))
      .body.goalId as string;

    const refused = await cli('restore', backupFile, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `DATA_DIR ${dataDir} is in use by another instance (pid ${api.child.pid}); stop it first, or give this one its own DATA_DIR`,
    );

    await api.kill('SIGTERM');
    const restored = await cli('restore', backupFile, env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout).readModels.events).toBe(summary.checked);
    expect(readdirSync(dataDir).some((f) => f.startsWith('events.sqlite.before-restore-'))).toBe(true);

    api = await spawnApi(env);
    await waitUntilReady(api);
    const get = async (path: string) =>
      (await fetch(`${api!.baseUrl}/api/v1${path}`, { headers: await headers('kansa') })).json() as Promise<
        Record<string, any>
      >;
    for (const goalId of before) expect((await get(`/goals/${goalId}`)).title).toMatch(/^バックアップ前/);
    expect((await get(`/goals/${after}`)).status).toBe(404); // written after the backup: not in it
    const verify = await get('/audit/verify');
    expect(verify).toMatchObject({ ok: true, checked: summary.checked });
    expect(existsSync(backupFile)).toBe(true);
  });
});
