/**
 * The verification checkpoint outlives a restart: the first verification after it checks only what
 * came since, chained onto the checkpoint before. A checkpoint that does not hold against the store
 * (edited, or from another store) is set aside and everything is walked again, so a restart can
 * never make the auditor's check vouch for less than it says.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppHarness, startApp } from '../support/app-harness';
import { generateEvents } from '../../libs/read-models/src/testing/generate-events';

jest.setTimeout(120_000);

describe('the verification checkpoint across restarts', () => {
  const dirs: string[] = [];
  let api: AppHarness | undefined;
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-verify-'));
    dirs.push(dir);
    return dir;
  };
  const verify = async (app: AppHarness) => (await app.call('kansa', 'GET', '/audit/verify')).body;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('after a restart, checks only the events since the checkpoint, chained onto it', async () => {
    const dir = dataDir();
    api = await startApp({ DATA_DIR: dir });
    await generateEvents(api.store, 3_000);
    const total = await api.eventCount();
    const first = await verify(api);
    expect(first).toMatchObject({ ok: true, checked: total, walked: total });
    await api.close();

    const file = join(dir, 'verify-checkpoint.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    api = await startApp({ DATA_DIR: dir });
    const opened = await api.call('bucho', 'POST', '/sheets', {
      body: {
        department: '市民生活部',
        fiscalYear: 2022,
        createdOn: '2022-04-01',
        headTitle: '市民生活部長',
        headName: '沢柳和彦',
      },
    });
    expect(opened.status).toBe(201);
    const now = await api.eventCount();
    expect(now).toBeGreaterThan(total);
    const again = await verify(api);
    expect(again).toMatchObject({ ok: true, checked: now, walked: now - total });
    expect(again.checkpoint.previous).toBe(first.checkpoint.digest);
  });

  it('reads a checkpoint saved in the first form (one JSON document) by an earlier release', async () => {
    const dir = dataDir();
    api = await startApp({ DATA_DIR: dir });
    await generateEvents(api.store, 1_000);
    const first = await verify(api);
    await api.close();

    const file = join(dir, 'verify-checkpoint.json');
    const [header, ...heads] = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(header), heads: heads.map((line) => JSON.parse(line)) }));

    api = await startApp({ DATA_DIR: dir });
    const again = await verify(api);
    expect(again).toMatchObject({ ok: true, checked: first.checked + again.walked });
    expect(again.walked).toBeLessThan(first.checked);
  });

  it('sets aside a checkpoint whose heads were edited, and walks everything again', async () => {
    const dir = dataDir();
    api = await startApp({ DATA_DIR: dir });
    await generateEvents(api.store, 1_000);
    await verify(api);
    await api.close();

    const file = join(dir, 'verify-checkpoint.json');
    // A first line for the record, then a line per chain head: ["stream", "revision", "hash"].
    const lines = readFileSync(file, 'utf8').split('\n');
    const head = JSON.parse(lines[1]) as [string, string, string];
    head[2] = '0'.repeat(64); // someone makes a forged head look verified
    lines[1] = JSON.stringify(head);
    writeFileSync(file, lines.join('\n'));

    api = await startApp({ DATA_DIR: dir });
    expectEverythingWalked(await api.eventCount(), await verify(api));
  });

  it("sets aside another store's checkpoint (a restored or replaced store), and walks everything again", async () => {
    const other = dataDir();
    api = await startApp({ DATA_DIR: other });
    await generateEvents(api.store, 500);
    await verify(api);
    await api.close();

    const dir = dataDir();
    api = await startApp({ DATA_DIR: dir });
    await generateEvents(api.store, 800);
    await api.close();
    writeFileSync(join(dir, 'verify-checkpoint.json'), readFileSync(join(other, 'verify-checkpoint.json')));

    api = await startApp({ DATA_DIR: dir });
    expectEverythingWalked(await api.eventCount(), await verify(api));
  });
});

/**
 * Walked from the start: every event checked now, none taken on trust from a checkpoint. The api
 * may write an event of its own (a reminder's) between the count and the walk, so at least as many.
 */
function expectEverythingWalked(before: number, result: { ok: boolean; checked: number; walked: number }): void {
  expect(result.ok).toBe(true);
  expect(result.walked).toBe(result.checked);
  expect(result.checked).toBeGreaterThanOrEqual(before);
}
