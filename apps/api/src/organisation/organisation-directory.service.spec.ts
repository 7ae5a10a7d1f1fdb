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

  it('folds a write once when a read under way meanwhile brings its event too (a store that answers late)', async () => {
    // EventStoreDB answers over the network: a read may begin after this process's append is stored
    // and answer after the write has kept the state it decided on.
    let late: Promise<unknown> | undefined;
    let answer: () => void = () => undefined;
    let armed = false;
    const slowStore = {
      ...store,
      readStream: store.readStream.bind(store),
      append: async (...args: Parameters<SqliteEventStore['append']>) => {
        const appended = await store.append(...args);
        if (armed) {
          armed = false;
          // A question asked just after the append was stored, answered after the write.
          const read = store.readStream('directory', { fromRevision: appended.nextExpectedRevision });
          const gate = new Promise<void>((open) => (answer = open));
          slowStore.readStream = async () => {
            await gate;
            slowStore.readStream = store.readStream.bind(store);
            return read;
          };
          late = slow.current();
        }
        return appended;
      },
    } as unknown as SqliteEventStore;
    const config = { directory: { categories: [], achievementScale: [], departments: [], users: [] } } as never;
    const slow = new OrganisationDirectory(
      slowStore,
      config,
      new ManualClock('2026-05-11T09:00:00+09:00'),
      undefined as never,
    );
    await slow.execute(
      [
        {
          type: 'EstablishSection',
          data: { sectionId: 'S1', departmentId: 'D1', name: '市民課', effectiveFrom: '2026-04-01' },
        },
      ],
      ctx(),
    );
    armed = true;
    await slow.execute(
      [{ type: 'RenameSection', data: { sectionId: 'S1', name: '市民窓口課', effectiveFrom: '2027-04-01' } }],
      ctx(),
    );
    answer();
    await late;
    const names = (await slow.scratch()).sections.get('S1')!.names.map((n) => n.name);
    expect(names).toEqual(['市民課', '市民窓口課']);
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
