/**
 * Appends/s of this build's SQLite adapter against another build's, alternated round by round:
 * 400 one-event appends one after the other, then 400 at once (group commit shares their commit).
 *   node scripts/build-if-stale.js && BENCH_BASELINE_DIST=/tmp/base/dist node bench/support/compare-sqlite-adapters.js
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { randomUUID } = require('node:crypto');

const adapter = (dist) => require(join(dist, 'libs/event-store/src/sqlite.event-store.js')).SqliteEventStore;
const Baseline = adapter(process.env.BENCH_BASELINE_DIST);
const Subject = adapter(join(__dirname, '..', '..', 'dist'));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const N = 400;
const anEvent = () => ({
  id: randomUUID(),
  type: 'GoalSubmitted',
  data: { goalId: 'g' },
  metadata: { actor: { userId: 'u', role: 'r' }, occurredAt: 'x', correlationId: 'c', causationId: 'c', schemaVersion: 1 },
});

async function rate(Store, together) {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-adapters-'));
  const store = new Store({ file: join(dir, 'events.sqlite') });
  const started = performance.now();
  const append = (i) => store.append(`goal-${i}`, [anEvent()], { expectedRevision: 'no_stream' });
  if (together) await Promise.all(Array.from({ length: N }, (_, i) => append(i)));
  else for (let i = 0; i < N; i++) await append(i);
  const ms = performance.now() - started;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return Math.round(N / (ms / 1000));
}

(async () => {
  for (const together of [false, true]) {
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push([await rate(Baseline, together), await rate(Subject, together)]);
    console.log(
      `${N} appends ${together ? 'at once' : 'one after the other'}: baseline / this build per round ${rounds.map(([b, s]) => `${b} / ${s}`).join(', ')} events/s; ratios ${rounds.map(([b, s]) => (s / b).toFixed(2)).join(', ')}`,
    );
  }
})();
