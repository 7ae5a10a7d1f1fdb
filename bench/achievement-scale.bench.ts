/**
 * What looking up a fiscal year's 達成度の区分 costs every 実績登録 (and every goal step that builds
 * its rules): `AchievementScales.scaleOf` with the year folded and nothing new, next to its floor — one
 * bare `readStream` of the same stream from the same revision — and to the first (cold) lookup, on
 * SQLite and on the ESDB adapter against the protocol-level test server, all in this one run.
 *   node -r ./bench/register.js bench/achievement-scale.bench.ts
 *   BENCH_LOOKUPS=2000 BENCH_ESDB=false …   (defaults: 2,000 lookups a pass, ESDB on)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACHIEVEMENT_SCALE_EVENTS, achievementScaleStreamId } from '@goals/domain';
import { EventStore, SqliteEventStore } from '@goals/event-store';
import { EsdbEventStore } from '../libs/event-store/src/esdb.event-store';
import { AppConfig } from '@goals/infrastructure';
import { AchievementScales } from '../apps/api/src/scales/achievement-scales.service';
import { EventStreams } from '../apps/api/src/shared/event-streams';
import { EsdbTestServer } from '../test/support/esdb-test-server';

const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2000);
const FISCAL_YEAR = 2025;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

async function timed(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start));
  }
  return times;
}

async function measure(name: string, store: EventStore): Promise<void> {
  const config = {
    directory: { achievementScale: ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'] },
    overview: { achievedLevels: 2 },
  } as unknown as AppConfig;
  const stream = achievementScaleStreamId(FISCAL_YEAR);
  await store.append(
    stream,
    [
      {
        id: crypto.randomUUID(),
        type: 'AchievementScaleSet',
        data: {
          fiscalYear: FISCAL_YEAR,
          levels: ['計画以上', '計画通り', '計画未満'],
          achievedLevels: 2,
          notAssessable: '評価不能',
          reason: 'bench',
        },
        metadata: {
          actor: { userId: 'bench', role: 'admin' },
          occurredAt: new Date().toISOString(),
          correlationId: 'bench',
          causationId: 'bench',
          schemaVersion: ACHIEVEMENT_SCALE_EVENTS.version('AchievementScaleSet'),
        },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  const clock = { now: () => new Date() };
  const readModels = {} as ConstructorParameters<typeof AchievementScales>[3];
  const cold: number[] = [];
  for (let i = 0; i < 50; i++) {
    const fresh = new AchievementScales(store, config, new EventStreams(store, clock), readModels);
    cold.push(...(await timed(1, () => fresh.scaleOf(FISCAL_YEAR))));
  }
  const scales = new AchievementScales(store, config, new EventStreams(store, clock), readModels);
  await scales.scaleOf(FISCAL_YEAR);
  const warm = await timed(LOOKUPS, () => scales.scaleOf(FISCAL_YEAR));
  const floor = await timed(LOOKUPS, () => store.readStream(stream, { fromRevision: 1n }));
  console.log(
    `${name.padEnd(34)} warm lookup ${us(median(warm))} median, ${us(p99(warm))} p99 | ` +
      `bare readStream ${us(median(floor))} median, ${us(p99(floor))} p99 | cold (fold one event) ${us(median(cold))} median`,
  );
}

async function main(): Promise<void> {
  console.log(`achievement scale lookups: ${LOOKUPS} per pass`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const sqlite = new SqliteEventStore({ file: join(dir, 'events.db') });
  try {
    await measure('SQLite (synchronous=FULL)', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_ESDB !== 'false') {
    const server = await EsdbTestServer.start({ features: 'batch-append' });
    const esdb = await EsdbEventStore.open(server.connectionString);
    try {
      await measure('ESDB adapter (gRPC test server)', esdb);
    } finally {
      await esdb.close();
      await server.stop();
    }
  }
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
