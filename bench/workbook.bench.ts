/**
 * Reading an imported .xlsx in its worker thread (libs/sheet-file/src/workbook-cells.ts): how long an
 * ordinary sheet takes (cold worker, then warm), how long and how much heap the largest workbook the
 * dimension check lets through needs, and how late the caller's event loop runs meanwhile — next to
 * the same workbook parsed by exceljs on the caller's own thread, as the import did before.
 *   node -r ./bench/register.js bench/workbook.bench.ts        (BENCH_ITERATIONS=20)
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import {
  DEFAULT_WORKBOOK_BUDGET,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  parseSheetFile,
  toXlsx,
  workbookCells,
} from '@goals/sheet-file';
import { costlyWorkbook, sparseHostileWorkbook } from '../test/support/hostile-workbooks';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20);
const GENEROUS = { timeoutMs: 600_000, memoryMb: 4096 };

/** Wall time of `run`, and the longest the event loop of this thread waited meanwhile. */
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; loopMaxMs: number; outcome: string }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = process.hrtime.bigint();
  const outcome = await run().then(
    () => 'read',
    (error: Error & { limit?: string }) => `${error.constructor.name}${error.limit ? `: ${error.limit}` : ''}`,
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  loop.disable();
  return { ms, loopMaxMs: loop.max / 1e6, outcome };
}

/** The smallest heap (MB, of those tried) the worker reads `bytes` within. */
async function smallestHeap(bytes: Buffer): Promise<number | undefined> {
  for (const memoryMb of [64, 96, 128, 192, 256, 384]) {
    const ok = await workbookCells(bytes, { timeoutMs: 600_000, memoryMb }).then(
      () => true,
      () => false,
    );
    if (ok) return memoryMb;
  }
  return undefined;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function main(): Promise<void> {
  console.log(`workbook: node ${process.version}, ${cpus().length} cores\n`);
  const ordinary = await toXlsx(
    parseSheetFile(readFileSync(join(__dirname, '../test/fixtures/r4-citizen-life-dept-sheet.txt'), 'utf8')),
  );
  const cold = await timed(() => workbookCells(ordinary, GENEROUS));
  const warm: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) warm.push((await timed(() => workbookCells(ordinary, GENEROUS))).ms);
  warm.sort((a, b) => a - b);
  console.log(
    `ordinary sheet (22 goals, ${fmt(ordinary.length / 1024)} KB): cold worker ${fmt(cold.ms)} ms, ` +
      `warm median ${warm[Math.floor(warm.length / 2)].toFixed(1)} ms (${ITERATIONS} reads)`,
  );

  const largest = costlyWorkbook({ rows: MAX_SHEET_ROWS, columns: MAX_SHEET_COLUMNS, addressed: true });
  const inWorker = await timed(() => workbookCells(largest, GENEROUS));
  const onThread = await timed(() => new ExcelJS.Workbook().xlsx.load(largest as unknown as ArrayBuffer));
  console.log(
    `largest passing the check (${fmt(MAX_SHEET_ROWS)} × ${MAX_SHEET_COLUMNS}, ${fmt(largest.length / 1024)} KB): ` +
      `worker ${fmt(inWorker.ms)} ms, event loop late by at most ${fmt(inWorker.loopMaxMs)} ms; ` +
      `baseline on this thread ${fmt(onThread.ms)} ms, event loop late by at most ${fmt(onThread.loopMaxMs)} ms`,
  );
  console.log(`  smallest heap that reads it: ${(await smallestHeap(largest)) ?? '> 384'} MB`);

  const unaddressed = costlyWorkbook({ rows: 20_000, columns: 40, addressed: false });
  const hostileWorker = await timed(() => workbookCells(unaddressed, GENEROUS));
  const hostileThread = await timed(() => new ExcelJS.Workbook().xlsx.load(unaddressed as unknown as ArrayBuffer));
  console.log(
    `800,000 cells without addresses (${fmt(unaddressed.length / 1024)} KB): worker ${fmt(hostileWorker.ms)} ms ` +
      `(${hostileWorker.outcome}), event loop late by at most ${fmt(hostileWorker.loopMaxMs)} ms; ` +
      `baseline on this thread ${fmt(hostileThread.ms)} ms (${hostileThread.outcome}), ` +
      `event loop late by at most ${fmt(hostileThread.loopMaxMs)} ms`,
  );

  // The issue's file, past the dimension check (which refuses it in the service) straight to a worker
  // with the service's default budget; on the caller's thread it took 11 s and 1.27 GB (issue 19).
  const sparse = await sparseHostileWorkbook();
  const budgeted = await timed(() => workbookCells(sparse, DEFAULT_WORKBOOK_BUDGET));
  console.log(
    `XFD1048576 on four sheets (${fmt(sparse.length / 1024)} KB), default budget ` +
      `(${fmt(DEFAULT_WORKBOOK_BUDGET.timeoutMs)} ms, ${DEFAULT_WORKBOOK_BUDGET.memoryMb} MB): ${fmt(budgeted.ms)} ms ` +
      `(${budgeted.outcome}), event loop late by at most ${fmt(budgeted.loopMaxMs)} ms, ` +
      `this process's RSS ${fmt(process.memoryUsage().rss / 1e6)} MB`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
