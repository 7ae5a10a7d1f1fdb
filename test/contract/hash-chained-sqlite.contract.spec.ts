import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashChainedEventStore, SqliteEventStore } from '@goals/event-store';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('hash-chained SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-contract-chained-'));
  const store = new HashChainedEventStore(new SqliteEventStore({ file: join(dir, 'events.sqlite') }));
  return {
    store,
    chained: true,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
