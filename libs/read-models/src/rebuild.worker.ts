/**
 * A rebuild of the read models in a worker thread of its own (rebuild-in-worker.ts starts it): the
 * replay reads the SQLite file through its own connection (WAL lets it read beside the api's writes)
 * and writes Redis through its own connection, with the young generation sized for a batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Redis from 'ioredis';
import { SqliteEventStore } from '@goals/event-store';
import { rebuildReadModels } from './read-model.maintenance';

export interface RebuildWorkerInput {
  file: string;
  redisUrl: string;
  prefix: string;
  batchSize?: number;
}

export type RebuildWorkerMessage =
  { log: string } | { error: string } | { result: Awaited<ReturnType<typeof rebuildReadModels>> } | { failed: string };

const port = parentPort!;
const { file, redisUrl, prefix, batchSize } = workerData as RebuildWorkerInput;
const send = (message: RebuildWorkerMessage) => port.postMessage(message);
const store = new SqliteEventStore({ file });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
async function run(): Promise<RebuildWorkerMessage> {
  try {
    const result = await rebuildReadModels({
      store,
      redis,
      prefix,
      batchSize,
      logger: { log: (message) => send({ log: message }), error: (message) => send({ error: message }) },
    });
    return { result };
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  } finally {
    redis.disconnect();
    await store.close();
  }
}

void run().then(send);
