/**
 * The console commands work with any DATA_DIR, without EMBEDDED_REDIS_PORT: `npm run account` finds
 * the running service's redis-server by the pid file in the data folder, on whatever port it got, and
 * the service then signs the person in with the password set there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-harness';
import { Browser } from '../support/browser';

const root = join(__dirname, '..', '..');

function account(dataDir: string, input: string) {
  const { EMBEDDED_REDIS_PORT: _unset, REDIS_URL: _none, ...env } = process.env;
  return spawnSync(
    process.execPath,
    ['-r', './bench/register.js', 'apps/api/src/cli/account.ts', 'set-password', 'admin'],
    {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...env, DATA_DIR: dataDir },
      timeout: 60_000,
    },
  );
}

describe('console commands with a non-default DATA_DIR and no EMBEDDED_REDIS_PORT', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'goal-sheet-elsewhere-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sets a password through the running service’s own redis-server, found on its port', async () => {
    // The service's Redis runs on a free port, not the default 6390 the command would have guessed.
    const app = await startApp({ DATA_DIR: dataDir });
    try {
      const set = account(dataDir, 'a passphrase set from the console\n');
      expect([set.status, set.stderr]).toEqual([0, '']);
      expect(set.stdout).toContain('admin のパスワードを設定しました');
      const browser = new Browser(app.baseUrl);
      expect((await browser.signIn('admin', 'a passphrase set from the console')).status).toBe(303);
    } finally {
      await app.close().catch(() => undefined);
    }
  });

  it('starts the folder’s own redis-server on a free port when the service is stopped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-stopped-'));
    try {
      const set = account(dir, 'another passphrase for admin\n');
      expect([set.status, set.stderr]).toEqual([0, '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
