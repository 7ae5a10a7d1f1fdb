import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { joinWalks, type VerifyOptions, type VerifyWalk } from './hash-chain';
import type { VerifyWorkerInput } from './sqlite-verify.worker';
import { walkFromWire, type WalkOnTheWire } from './walk-on-the-wire';
import { startWorker } from './worker-thread';

/** Below this many positions to walk, one worker: a second costs its start and the join. */
const SPLIT_FROM = 100_000;

/**
 * verifyStore over a SQLite event file, run in worker threads: reading, parsing and hashing every
 * event is CPU work that, on the api's own thread, made /health and every request wait page by page
 * during a full verification. A long walk is split in two halves walked side by side, each in a
 * worker of its own, and joined (joinWalks): where the machine has a core to spare, half the time.
 * Progress, cancelling and the result are verifyStore's own.
 */
export async function verifySqliteFile(
  file: string,
  options: VerifyOptions = {},
  tuning: { splitFrom?: number } = {},
): Promise<VerifyWalk> {
  const { signal } = options;
  const from = options.after?.position ?? 0n;
  const middle = availableParallelism() > 1 ? middleOf(file, from, tuning.splitFrom ?? SPLIT_FROM) : undefined;
  const base = { after: options.after, pageSize: options.pageSize };
  const pace = options.eventsPerSecond;
  if (middle === undefined) {
    const walk = walkInWorker({ file, options: { ...base, eventsPerSecond: pace } }, options.onProgress);
    return whileWatching(signal, [walk], () => walk.done);
  }
  // Each half reports its own count and position; the whole walk's position is how far both have come.
  const reached = [
    { checked: 0, position: from },
    { checked: 0, position: middle },
  ];
  const report = (half: number) => (checked: number, position: bigint) => {
    reached[half] = { checked, position };
    options.onProgress?.(
      reached[0].checked + reached[1].checked,
      from + (reached[0].position - from) + (reached[1].position - middle),
    );
  };
  const halfPace = pace && pace > 0 ? pace / 2 : pace;
  const earlier = walkInWorker({ file, options: { ...base, eventsPerSecond: halfPace }, until: middle }, report(0));
  const later = walkInWorker(
    {
      file,
      options: {
        after: { position: middle, heads: new Map() },
        pageSize: base.pageSize,
        eventsPerSecond: halfPace,
        openStarts: true,
      },
    },
    report(1),
  );
  return whileWatching(signal, [earlier, later], async () => {
    const settled = await Promise.allSettled([earlier.done, later.done]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b] = settled.map((s) => (s as PromiseFulfilledResult<VerifyWalk>).value);
    const walk = await joinWalks(a, b);
    if (walk.ok && !walk.cancelled) options.onProgress?.(walk.checked, walk.position ?? from);
    return walk;
  });
}

/** An event's position about halfway through what is to be walked, or undefined when the walk is short. */
function middleOf(file: string, from: bigint, splitFrom: number): bigint | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const last = db.prepare('SELECT MAX(position) FROM events').pluck().get() as number | null;
    if (last === null || last - Number(from) < splitFrom) return undefined;
    const middle = db
      .prepare('SELECT MAX(position) FROM events WHERE position <= ?')
      .pluck()
      .get(Number(from) + Math.floor((last - Number(from)) / 2)) as number | null;
    return middle === null || middle <= Number(from) ? undefined : BigInt(middle);
  } finally {
    db.close();
  }
}

/**
 * Runs `work` while passing a cancel on to every walk at once (each stops at the end of its page);
 * when one walk fails, the others are cancelled and waited for before the failure is given: a worker
 * is never stopped in the middle of a SQLite call, which would abort the process.
 */
async function whileWatching(
  signal: { cancelled: boolean } | undefined,
  walks: WalkInWorker[],
  work: () => Promise<VerifyWalk>,
): Promise<VerifyWalk> {
  const watch = setInterval(() => {
    if (!signal?.cancelled) return;
    walks.forEach((w) => w.cancel());
    clearInterval(watch);
  }, 10);
  try {
    walks.forEach((w) => w.done.catch(() => walks.forEach((other) => other.cancel())));
    return await work();
  } finally {
    clearInterval(watch);
  }
}

interface WalkInWorker {
  done: Promise<VerifyWalk>;
  cancel(): void;
}

function walkInWorker(
  input: VerifyWorkerInput,
  onProgress?: (checked: number, position: bigint) => void,
): WalkInWorker {
  const worker = startWorker(__dirname, 'sqlite-verify', input);
  let settled = false;
  const done = new Promise<VerifyWalk>((resolve, reject) => {
    const settle = (act: () => void) => {
      if (settled) return;
      settled = true;
      act();
      void worker.terminate(); // it has answered: nothing is under way in it
    };
    worker.on(
      'message',
      (message: { progress?: { checked: number; position: bigint }; wire?: WalkOnTheWire; failed?: string }) => {
        if (message.progress) onProgress?.(message.progress.checked, message.progress.position);
        else if (message.wire) settle(() => resolve(walkFromWire(message.wire!)));
        else if (message.failed !== undefined) settle(() => reject(new Error(message.failed)));
      },
    );
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the verification worker stopped (exit ${code})`))));
  });
  return {
    done,
    cancel: () => {
      if (!settled) worker.postMessage('cancel');
    },
  };
}
