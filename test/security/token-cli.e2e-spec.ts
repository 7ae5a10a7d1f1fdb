/**
 * `npm run token -- <loginId>` names people from the event-sourced directory the service reads: a
 * person an administrator registered through the service gets a token that works, without editing
 * config/directory.json, and the usage lists who holds a post today.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AppHarness, startApp } from '../support/app-harness';

const root = join(__dirname, '..', '..');

function token(dataDir: string, args: string[]) {
  return spawnSync(process.execPath, ['-r', './bench/register.js', 'apps/api/src/cli/mint-token.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
    timeout: 60_000,
  });
}

describe('npm run token', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('mints a working token for a person registered by an administrator, and names who holds a post today', async () => {
    const dataDir = app.config.dataDir;
    const registered = await app.call('admin', 'POST', '/admin/people', {
      body: { name: '馬場一郎', loginId: 'baba', email: 'baba@example.lg.jp', employeeNumber: '20001' },
    });
    expect(registered.status).toBe(201);

    const noPost = token(dataDir, ['baba']);
    expect(noPost.status).toBe(0);
    expect(noPost.stderr).toContain('baba holds no post today');

    const assigned = await app.call('admin', 'POST', '/admin/posts', {
      body: { personId: registered.body.id, kind: 'auditor', from: '2020-04-01' },
    });
    expect(assigned.status).toBe(201);

    const minted = token(dataDir, ['baba']);
    expect(minted.stderr).toBe('');
    expect(minted.status).toBe(0);
    const me = await fetch(`${app.baseUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${minted.stdout.trim()}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ loginId: 'baba', name: '馬場一郎', role: 'auditor' });

    const usage = token(dataDir, []);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('baba\t監査\t馬場一郎');
    expect(usage.stderr).toContain('bucho\t市民生活部長\t沢柳和彦');

    const unknown = token(dataDir, ['nobody']);
    expect(unknown.stderr).toContain('nobody with the login id nobody is registered');
  }, 120_000);
});
