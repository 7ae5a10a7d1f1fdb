/**
 * The hash-chain walk of a SQLite event file, in a worker thread of its own (sqlite-verify.ts starts
 * it): it reads through its own connection, which WAL lets run beside the api's writes, and checks
 * on another core while the api's event loop goes on answering. It reads the stored rows as they
 * are (sqlite-chain-links.ts); the rules and the walk are verifyStore's (walkChains).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { walkChains, type VerifyOptions } from './hash-chain';
import { storedLinkPages } from './sqlite-chain-links';
import { SqliteEventStore } from './sqlite.event-store';
import { walkToWire } from './walk-on-the-wire';

/** The nice value of a verification thread (0 is the api's; 19 the lowest). */
const VERIFY_NICE = 10;

export interface VerifyWorkerInput {
  file: string;
  options: Pick<VerifyOptions, 'after' | 'eventsPerSecond' | 'pageSize' | 'openStarts'>;
  /** The last position this worker walks (the earlier half of a split walk); to the end if none. */
  until?: bigint;
}

const port = parentPort!;
// Below the api's thread: on Linux a thread's nice value is its own, so this lowers this walk's
// thread only, and requests get a core first while two halves walk on a two-core machine.
try {
  setPriority(VERIFY_NICE);
} catch {
  // not allowed here: the walk runs at the api's priority
}
const { file, options, until } = workerData as VerifyWorkerInput;
const signal = { cancelled: false };
port.on('message', (message) => {
  if (message === 'cancel') signal.cancelled = true;
});
const store = new SqliteEventStore({ file });
// One turn of the event loop first: a cancel sent while the worker was starting is seen before any page.
new Promise<void>((resolve) => setImmediate(resolve))
  .then(() =>
    walkChains(storedLinkPages(store, options.after?.position, undefined, { until }), {
      ...options,
      signal,
      onProgress: (checked, position) => port.postMessage({ progress: { checked, position } }),
    }),
  )
  .then(async (walk) => {
    await store.close();
    port.postMessage({ wire: walkToWire(walk) });
  })
  .catch((error: Error) => {
    port.postMessage({ failed: error.message });
  });
