/**
 * The SQLite store's writer thread (sqlite.event-store.ts starts it): each batch's COMMIT waits for
 * its fsync here, not on the api's event loop, which goes on answering requests and gathering the
 * next batch meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteWriter, type WriteBatch, type WriterSettings } from './sqlite-writer';

export type WriterMessage = { batch: WriteBatch } | { limitPages: number | null } | 'close';

const port = parentPort!;
const writer = new SqliteWriter(workerData as WriterSettings);
port.on('message', (message: WriterMessage) => {
  if (message === 'close') {
    writer.close();
    port.close();
  } else if ('batch' in message) port.postMessage(writer.commit(message.batch));
  else {
    writer.limitPages(message.limitPages ?? undefined);
    port.postMessage({ limited: true });
  }
});
