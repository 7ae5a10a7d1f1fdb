import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@goals/event-store';
import { checkpointedConsumerContract } from './checkpointed-consumer.contract';
import { eventStoreContract } from './event-store.contract';

const onSqlite = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-contract-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

eventStoreContract('SQLite file', onSqlite);
checkpointedConsumerContract('SQLite file', onSqlite);
