#!/usr/bin/env node
/**
 * How long Node takes to load the api's modules (the "modules" phase of the start-up line), for this
 * build's dist and, alternated round by round, another build's: each round a fresh `node` that
 * requires dist/apps/api/src/app.module.js and prints performance.now() (ms since it began).
 *   node scripts/build-if-stale.js && node bench/support/module-load.js [<baseline dist>] [rounds]
 */
const { execFileSync } = require('node:child_process');
const { loadavg } = require('node:os');
const { join } = require('node:path');

const subject = join(__dirname, '..', '..', 'dist');
const baseline = process.argv[2];
const rounds = Number(process.argv[3] ?? 7);
const load = (dist) =>
  Number(
    execFileSync(process.execPath, [
      '-e',
      `require(${JSON.stringify(join(dist, 'apps/api/src/app.module.js'))}); process.stdout.write(String(performance.now()))`,
    ]),
  );
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = { subject: [], baseline: [] };
for (let r = 0; r < rounds; r++) {
  if (baseline) times.baseline.push(load(baseline));
  times.subject.push(load(subject));
}
const show = (xs) => `median ${median(xs).toFixed(0)} ms [${xs.map((x) => x.toFixed(0)).join(', ')}]`;
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}`,
);
console.log(`this build: ${show(times.subject)}`);
if (baseline) {
  const ratios = times.subject.map((x, i) => x / times.baseline[i]);
  console.log(`baseline:   ${show(times.baseline)}; this / baseline median ${median(ratios).toFixed(2)}×`);
}
