import type { VerifyOptions, VerifyWalk } from './hash-chain';
import type { VerifyWorkerInput } from './sqlite-verify.worker';
import { startWorker } from './worker-thread';

/**
 * verifyStore over a SQLite event file, run in a worker thread: reading, parsing and hashing every
 * event is CPU work that, on the api's own thread, made /health and every request wait page by page
 * during a full verification. Progress, cancelling and the result are verifyStore's own.
 */
export function verifySqliteFile(file: string, options: VerifyOptions = {}): Promise<VerifyWalk> {
  const input: VerifyWorkerInput = {
    file,
    options: { after: options.after, eventsPerSecond: options.eventsPerSecond, pageSize: options.pageSize },
  };
  const worker = startWorker(__dirname, 'sqlite-verify', input);
  return new Promise<VerifyWalk>((resolve, reject) => {
    let settled = false;
    // A cancel is passed on at once; the worker stops at the end of the page it is on.
    const { signal } = options;
    const watch = signal
      ? setInterval(() => {
          if (!signal.cancelled) return;
          worker.postMessage('cancel');
          clearInterval(watch);
        }, 10)
      : undefined;
    const settle = (act: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      act();
      void worker.terminate();
    };
    worker.on(
      'message',
      (message: { progress?: { checked: number; position: bigint }; walk?: VerifyWalk; failed?: string }) => {
        if (message.progress) options.onProgress?.(message.progress.checked, message.progress.position);
        else if (message.walk) settle(() => resolve(message.walk!));
        else if (message.failed !== undefined) settle(() => reject(new Error(message.failed)));
      },
    );
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the verification worker stopped (exit ${code})`))));
  });
}
