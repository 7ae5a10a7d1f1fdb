/**
 * A workbook's cells, read by exceljs in a worker thread (workbook-cells.worker.js) under a memory
 * limit and a timeout. The dimension check before it (worksheetBeyondSheet) refuses the shapes known to
 * be hostile; this bounds the unknown ones: a file that still costs more than the budget ends its
 * worker, the import is refused (413, naming the file) and nothing is written, while the event loop
 * goes on answering /health and everyone else's requests.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface WorkbookBudget {
  /** The parse is stopped (its worker terminated) after this long, its start-up included. */
  timeoutMs: number;
  /** The worker's heap (V8 old generation) may grow to this many MB; past it the worker dies. */
  memoryMb: number;
}

/**
 * The service's default (IMPORT_XLSX_TIMEOUT_MS, IMPORT_XLSX_MEMORY_MB). A sheet people import (tens
 * of rows) reads in 20–50 ms once a worker is warm. The largest the dimension check lets through,
 * 5,000 rows × 64 columns, took 4–16 s on the shared 2-core test machine and needs a 128 MB heap
 * (`npm run bench:workbook`); the issue-19 file (XFD1048576) ends its worker for want of memory.
 */
export const DEFAULT_WORKBOOK_BUDGET: WorkbookBudget = { timeoutMs: 20_000, memoryMb: 256 };

/** Parses at once, at most; more wait their turn, so ten imports cannot take ten budgets of memory. */
const MAX_PARALLEL_PARSES = 2;

/** A cell's text, or a date as the day it is (shown in 和暦 by the caller). */
export type WorkbookCell = string | { day: string };

export interface WorkbookCells {
  /** Each worksheet in the workbook's order, its rows as Excel numbers them (rows[0] is row 1). */
  worksheets: { name: string; rows: WorkbookCell[][] }[];
}

/** The workbook cost more than its budget to read: its worker was ended; nothing was read from it. */
export class WorkbookBeyondBudget extends Error {
  readonly ja: string;
  constructor(
    readonly limit: 'time' | 'memory',
    readonly budget: WorkbookBudget,
    readonly fileName?: string,
  ) {
    const file = fileName ? `「${fileName}」` : '送られたブック';
    super(
      limit === 'time'
        ? `the workbook${fileName ? ` ${fileName}` : ''} was not read within ${budget.timeoutMs} ms`
        : `reading the workbook${fileName ? ` ${fileName}` : ''} needed more than ${budget.memoryMb} MB`,
    );
    this.name = 'WorkbookBeyondBudget';
    this.ja =
      (limit === 'time'
        ? `${file}は${seconds(budget.timeoutMs)}秒以内に読み終わらなかったため、読むのをやめました`
        : `${file}は読むのに${budget.memoryMb}MBを超えるメモリーが要るため、読むのをやめました`) +
      '（何も登録していません）。整理表の範囲だけを新しいブックに貼り付けて保存し直すか、CSV UTF-8 で保存して送ってください';
  }
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('ja-JP', { maximumFractionDigits: 1 });

/** The worker's answer when exceljs cannot open the bytes at all. */
export class WorkbookUnreadable extends Error {}

const WORKER_FILE = join(__dirname, 'workbook-cells.worker.js');

/**
 * A worker that answered goes back to wait for the next workbook (starting one and loading exceljs
 * takes about half a second); unused this long it is ended. A worker that ran out of time or memory,
 * or failed, is ended at once.
 */
const IDLE_MS = 30_000;

interface IdleWorker {
  worker: Worker;
  memoryMb: number;
  timer: NodeJS.Timeout;
}

const idle: IdleWorker[] = [];
let running = 0;
const waiting: Array<() => void> = [];

export async function workbookCells(
  bytes: Uint8Array,
  budget: WorkbookBudget = DEFAULT_WORKBOOK_BUDGET,
  fileName?: string,
): Promise<WorkbookCells> {
  if (running >= MAX_PARALLEL_PARSES) await new Promise<void>((turn) => waiting.push(turn));
  running++;
  try {
    return await parseInWorker(bytes, budget, fileName);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function workerFor(memoryMb: number): Worker {
  const ready = idle.findIndex((w) => w.memoryMb === memoryMb);
  if (ready >= 0) {
    const [{ worker, timer }] = idle.splice(ready, 1);
    clearTimeout(timer);
    forget(worker);
    worker.ref();
    return worker;
  }
  return new Worker(WORKER_FILE, {
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(memoryMb / 8))),
    },
    // The worker needs none of the service's environment (its secrets among it).
    env: {},
  });
}

/** Only its own listeners: Node's Worker listens to itself to reference its message port. */
function forget(worker: Worker): void {
  for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
}

function keepIdle(worker: Worker, memoryMb: number): void {
  forget(worker);
  // An idle worker never keeps the process (a test run, a CLI) from ending.
  worker.unref();
  const entry: IdleWorker = {
    worker,
    memoryMb,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  worker.once('exit', () => {
    clearTimeout(entry.timer);
    if (idle.includes(entry)) idle.splice(idle.indexOf(entry), 1);
  });
  idle.push(entry);
}

function parseInWorker(bytes: Uint8Array, budget: WorkbookBudget, fileName?: string): Promise<WorkbookCells> {
  return new Promise((resolve, reject) => {
    const worker = workerFor(budget.memoryMb);
    let settled = false;
    const end = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forget(worker);
      void worker.terminate();
      reject(error);
    };
    const timer = setTimeout(() => end(new WorkbookBeyondBudget('time', budget, fileName)), budget.timeoutMs);
    worker.once('message', (answer: WorkbookCells | { unreadable: true }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      keepIdle(worker, budget.memoryMb);
      if ('unreadable' in answer) reject(new WorkbookUnreadable());
      else resolve(answer);
    });
    worker.on('error', (error: Error & { code?: string }) =>
      end(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkbookBeyondBudget('memory', budget, fileName) : error),
    );
    worker.on('exit', (code) => end(new Error(`the workbook worker stopped (exit code ${code}) without an answer`)));
    worker.postMessage({ bytes });
  });
}
