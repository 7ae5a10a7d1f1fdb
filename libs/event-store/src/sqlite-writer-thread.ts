import type { Worker } from 'node:worker_threads';
import type { BatchOutcome, WriteBatch, WriterSettings } from './sqlite-writer';
import type { WriterMessage } from './sqlite-writer.worker';
import { startWorker } from './worker-thread';

/**
 * The api's side of the SQLite store's writer thread. The thread answers messages in the order they
 * were sent, so each answer goes to the oldest caller still waiting. It keeps the process alive
 * only while a write is under way: a store nobody closed must not hold a finished process (a CLI,
 * a test) open.
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (answer: unknown) => void; reject: (error: Error) => void }> = [];
  private stopped?: Promise<void>;
  private failure?: Error;

  constructor(settings: WriterSettings) {
    this.worker = startWorker(__dirname, 'sqlite-writer', settings);
    this.worker.unref();
    this.worker.on('message', (answer: unknown) => {
      this.waiting.shift()?.resolve(answer);
      if (this.waiting.length === 0) this.worker.unref();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the event store's writer thread stopped (exit ${code})`)));
  }

  /** Whether the thread died: a store then starts another for its next write. */
  get broken(): boolean {
    return this.failure !== undefined && this.stopped === undefined;
  }

  commit(batch: WriteBatch): Promise<BatchOutcome> {
    return this.send({ batch }) as Promise<BatchOutcome>;
  }

  async limitPages(pages: number | undefined): Promise<void> {
    await this.send({ limitPages: pages ?? null });
  }

  /**
   * Asks the thread to close its connection and end, after what it was sent. Never `terminate()` it:
   * a thread stopped inside a SQLite call aborts the whole process (better-sqlite3 cannot make its
   * answer in a stopping isolate), which a test that tried it showed.
   */
  close(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      if (this.failure) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.ref();
      this.worker.postMessage('close' satisfies WriterMessage);
    });
    return this.stopped;
  }

  private send(message: WriterMessage): Promise<unknown> {
    // A writer that stopped (its thread died, or the store was closed) takes nothing more.
    if (this.failure) return Promise.reject(this.failure);
    if (this.stopped) return Promise.reject(new Error("the event store's writer thread is closed"));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  /**
   * The thread died. A batch it was writing may or may not have been committed: its callers get an
   * error, and a retry with the same event ids writes nothing twice (the store answers a retry as the
   * first write).
   */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }
}
