/**
 * The hash-chain walk of a SQLite event file, in a worker thread of its own (sqlite-verify.ts starts
 * it): it reads through its own connection, which WAL lets run beside the api's writes, and checks
 * on another core while the api's event loop goes on answering. It reads the stored rows as they
 * are (sqlite-chain-links.ts); the rules and the walk are verifyStore's (walkChains).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { walkChains, type VerifyOptions } from './hash-chain';
import { storedLinkPages } from './sqlite-chain-links';
import { SqliteEventStore } from './sqlite.event-store';

export interface VerifyWorkerInput {
  file: string;
  options: Pick<VerifyOptions, 'after' | 'eventsPerSecond' | 'pageSize'>;
}

const port = parentPort!;
const { file, options } = workerData as VerifyWorkerInput;
const signal = { cancelled: false };
port.on('message', (message) => {
  if (message === 'cancel') signal.cancelled = true;
});
const store = new SqliteEventStore({ file });
// One turn of the event loop first: a cancel sent while the worker was starting is seen before any page.
new Promise<void>((resolve) => setImmediate(resolve))
  .then(() =>
    walkChains(storedLinkPages(store, options.after?.position), {
      ...options,
      signal,
      onProgress: (checked, position) => port.postMessage({ progress: { checked, position } }),
    }),
  )
  .then(async (walk) => {
    await store.close();
    port.postMessage({ walk });
  })
  .catch((error: Error) => {
    port.postMessage({ failed: error.message });
  });
