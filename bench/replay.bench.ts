/**
 * Time travel over a long stream: read a goal's 10,000-event stream and fold it (readStream +
 * foldGoal, as the command path does), and fold its sheet as of the last event (sheetAsOf, as the
 * auditor's time travel does) — next to the raw readStream of the same stream, in the same run.
 *   node -r ./bench/register.js bench/replay.bench.ts       (BENCH_EVENTS=10000, BENCH_ROUNDS=20)
 * The store is the app's own: HashChainedEventStore over a temporary SQLite file. Figures are medians.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyOrganisation, foldGoal, GOAL_EVENTS, goalStreamId, sheetStreamId } from '@goals/domain';
import { derivedUuid } from '@goals/event-store';
import { legacyNamesOf, readSheetEvents, sheetAsOf } from '@goals/read-models';

/** Every event here is written with ids. */
const names = legacyNamesOf(emptyOrganisation());
import { loadConfig, openEventStore } from '@goals/infrastructure';
import { envelope } from '../apps/api/src/shared/event-envelope';
import { contextOf, SHEET_ID } from './support/bench-app';
import { goalWithRevisions } from './support/revisions';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const config = loadConfig({ DATA_DIR: dir });
  const store = await openEventStore(config);
  try {
    console.log(
      `replay: a ${EVENTS.toLocaleString('en-US')}-event goal stream, median of ${ROUNDS}, node ${process.version}, ${cpus().length} cores\n`,
    );
    const t = Date.now();
    // The sheet the goal belongs to, opened and listing the goal, so that sheetAsOf has a row to fold.
    const goalId = await goalWithRevisions(store, config, EVENTS - 1);
    const sheetStream = sheetStreamId(SHEET_ID);
    const head = contextOf(config, 'bucho');
    await store.append(
      sheetStream,
      envelope(
        [
          {
            type: 'SheetOpened',
            data: {
              sheetId: SHEET_ID,
              departmentId: derivedUuid('department', '市民生活部'),
              fiscalYear: 2022,
              createdOn: '2022-04-01',
              headTitle: '市民生活部長',
              headName: '沢柳和彦',
            },
          },
          { type: 'GoalRegistered', data: { sheetId: SHEET_ID, goalId, number: 1 } },
        ],
        sheetStream,
        head,
        new Date(),
      ),
      { expectedRevision: 'no_stream' },
    );
    console.log(`prepared in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const stream = goalStreamId(goalId);
    const { events } = await store.readStream(stream);
    const state = foldGoal(GOAL_EVENTS.read(events, { names }));
    if (events.length !== EVENTS || state.status !== 'draft')
      throw new Error(`folded ${events.length} events to ${state.status}`);
    const snapshot = sheetAsOf(await readSheetEvents(store, SHEET_ID), { asOf: new Date() }, names);
    if (snapshot?.rows.length !== 1) throw new Error(`sheetAsOf shows ${snapshot?.rows.length} rows, not 1`);

    const raw = await median(() => store.readStream(stream));
    const fold = await median(async () =>
      foldGoal(GOAL_EVENTS.read((await store.readStream(stream)).events, { names })),
    );
    const foldOnly = await median(async () => foldGoal(GOAL_EVENTS.read(events, { names })));
    const asOf = await median(async () =>
      sheetAsOf(await readSheetEvents(store, SHEET_ID), { asOf: new Date() }, names),
    );
    const asOfOnly = await median(async () => sheetAsOf(events, { asOf: new Date() }, names));

    const row = (name: string, ms: number) =>
      console.log(
        `${name.padEnd(60)} ${ms.toFixed(1).padStart(7)} ms  (${(raw === ms ? 1 : ms / raw).toFixed(2)}× raw read)`,
      );
    console.log(`=== figures (same run, same machine) ===`);
    row(`readStream of ${EVENTS} events (baseline)`, raw);
    row('readStream + foldGoal', fold);
    row('  foldGoal alone (events in memory)', foldOnly);
    row('readSheetEvents + sheetAsOf (time travel)', asOf);
    row('  sheetAsOf alone (the goal stream in memory)', asOfOnly);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
