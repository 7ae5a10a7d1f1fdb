/**
 * How the first administrator gets in: `npm run account -- set-password admin` with the password on
 * standard input, on the embedded default's data folder; then the service signs them in with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../support/app-harness';
import { Browser } from '../support/browser';

const root = join(__dirname, '..', '..');

function account(dataDir: string, args: string[], input: string) {
  return spawnSync(process.execPath, ['-r', './bench/register.js', 'apps/api/src/cli/account.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: '0' },
    timeout: 60_000,
  });
}

describe('npm run account -- set-password', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'goal-sheet-account-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads the password from standard input, refuses a weak one, and the service then signs the person in', async () => {
    const usage = account(dataDir, ['set-password'], '');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run account -- set-password <loginId>');

    const weak = account(dataDir, ['set-password', 'admin'], 'short\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('12文字以上');

    const set = account(dataDir, ['set-password', 'admin'], 'the first admin passphrase\n');
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toContain('admin のパスワードを設定しました');
    expect(set.stdout + set.stderr).not.toContain('the first admin passphrase');

    // On a terminal it asks twice and shows nothing typed.
    const typed = spawnSync(
      'python3',
      [
        join(root, 'test/support/type-on-terminal.py'),
        JSON.stringify([
          ['新しいパスワード', 'typed on the terminal 1'],
          ['もう一度', 'typed on the terminal 1'],
        ]),
        process.execPath,
        '-r',
        './bench/register.js',
        'apps/api/src/cli/account.ts',
        'set-password',
        'kansa',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: '0' },
        timeout: 60_000,
      },
    );
    expect(typed.stdout).toContain('kansa のパスワードを設定しました');
    expect(typed.stdout).not.toContain('typed on the terminal');
    expect(typed.status).toBe(0);

    const app = await startApp({ DATA_DIR: dataDir });
    try {
      const browser = new Browser(app.baseUrl);
      expect((await browser.signIn('admin', 'the first admin passphrase')).status).toBe(303);
      expect((await browser.me()).body).toMatchObject({ loginId: 'admin', role: 'admin' });
      const events = await app.call('kansa', 'GET', '/audit/security-events?loginId=admin');
      expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['PasswordChanged', 'SignedIn']);
      expect(events.body.items[0]).toMatchObject({
        data: { loginId: 'admin', via: 'console' },
        actor: { userId: '(console)' },
      });
      expect((await new Browser(app.baseUrl).signIn('kansa', 'typed on the terminal 1')).status).toBe(303);
    } finally {
      await app.close();
    }
  });

  it('finds the people an administrator registered in the event-sourced directory, not in the file', async () => {
    let app = await startApp({ DATA_DIR: dataDir });
    try {
      const registered = await app.call('admin', 'POST', '/admin/people', {
        body: { name: '山田花子', loginId: 'yamada-h', employeeNumber: '20001' },
      });
      expect(registered.status).toBe(201);
      const post = await app.call('admin', 'POST', '/admin/posts', {
        body: { personId: registered.body.id, kind: 'auditor', from: '2019-04-01' },
      });
      expect(post.status).toBe(201);
    } finally {
      await app.close();
    }
    const set = account(dataDir, ['set-password', 'yamada-h'], 'yamada passphrase 2024\n');
    expect([set.status, set.stderr]).toEqual([0, '']);
    const unknown = account(dataDir, ['set-password', 'nobody-here'], 'nobody passphrase 2024\n');
    expect(unknown.stderr).toContain('nobody with the login id nobody-here is registered in the organisation');

    app = await startApp({ DATA_DIR: dataDir });
    try {
      expect((await new Browser(app.baseUrl).signIn('yamada-h', 'yamada passphrase 2024')).status).toBe(303);
    } finally {
      await app.close();
    }
  });
});
