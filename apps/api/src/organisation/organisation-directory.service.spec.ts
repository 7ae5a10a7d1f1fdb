/**
 * Two api processes on one SQLite store, each keeping the folded directory: what one writes, the
 * other's next request sees (a request reads the stream's new events once, after it arrived), and a
 * write on either is decided on every 部 and 課 acknowledged before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput } from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { CommandContext } from '../shared/command-context';
import { withinRequest } from '../shared/request-arrival';
import { OrganisationDirectory } from './organisation-directory.service';

let n = 0;
const ctx = (): CommandContext => ({
  actor: { userId: 'kanri', role: 'admin', sections: [] },
  correlationId: 'c',
  commandId: `command-${++n}`,
  requestHash: `request-${n}`,
});

describe('the directory kept by each api process', () => {
  let dir: string;
  let store: SqliteEventStore;
  let one: OrganisationDirectory;
  let other: OrganisationDirectory;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'organisation-directory-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const clock = new ManualClock('2026-05-11T09:00:00+09:00');
    const config = { directory: { categories: [], achievementScale: [], departments: [], users: [] } } as never;
    one = new OrganisationDirectory(store, config, clock, undefined as never);
    other = new OrganisationDirectory(store, config, clock, undefined as never);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const establish = (directory: OrganisationDirectory, departmentId: string, name: string) =>
    directory.execute(
      [{ type: 'EstablishDepartment', data: { departmentId, name, effectiveFrom: '2026-04-01' } }],
      ctx(),
    );

  it('shows a 部 another process established to the next request, and to questions outside one', async () => {
    await establish(one, 'D1', '市民生活部');
    await withinRequest(async () => expect(await other.departmentIn('D1', 2026)).toBeDefined());
    await establish(other, 'D2', '経済部');
    await withinRequest(async () => {
      expect((await one.departmentIn('D2', 2026))?.name).toBe('経済部');
      expect((await one.departmentIn('D1', 2026))?.name).toBe('市民生活部');
    });
    await establish(one, 'D3', '総務部');
    expect((await other.departmentIn('D3', 2026))?.name).toBe('総務部');
  });

  it('decides a write on what another process wrote before the request arrived', async () => {
    await withinRequest(async () => expect(await one.departmentIn('D1', 2026)).toBeDefined());
    await establish(other, 'D4', '建設部');
    // The same name again, in a request after the other's write: refused, as on the process that wrote it.
    await withinRequest(() =>
      expect(
        one.execute(
          [{ type: 'EstablishDepartment', data: { departmentId: 'D5', name: '建設部', effectiveFrom: '2026-04-01' } }],
          ctx(),
        ),
      ).rejects.toThrow(InvalidInput),
    );
    await withinRequest(async () => expect(await one.departmentIn('D5', 2026)).toBeUndefined());
  });
});
