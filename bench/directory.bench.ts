/**
 * The department list of a big directory: `departmentsIn` over BENCH_DEPARTMENTS (2,000) 部 of 8 課
 * each, median of BENCH_ROUNDS (9); with BENCH_BASELINE_DIST=<another build's dist> that build's
 * function is timed alternately on the same state.
 *   node -r ./bench/register.js bench/directory.bench.ts
 */
import { join } from 'node:path';
import { departmentsIn, foldOrganisation, OrganisationEvent } from '@goals/domain';

const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const events: OrganisationEvent[] = [];
for (let d = 0; d < DEPARTMENTS; d++) {
  events.push({
    type: 'DepartmentEstablished',
    data: { departmentId: `D${d}`, name: `第${d}部`, headTitle: `第${d}部長`, effectiveFrom: '2019-04-01' },
  });
  for (let s = 0; s < 8; s++)
    events.push({
      type: 'SectionEstablished',
      data: { sectionId: `S${d}-${s}`, departmentId: `D${d}`, name: `第${d}部${s}課`, effectiveFrom: '2019-04-01' },
    });
}
const state = foldOrganisation(events);
type DepartmentsIn = typeof departmentsIn;
const baseline: DepartmentsIn | undefined = process.env.BENCH_BASELINE_DIST
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(join(process.env.BENCH_BASELINE_DIST, 'libs/domain/src/index.js')) as { departmentsIn: DepartmentsIn })
      .departmentsIn
  : undefined;
const time = (f: DepartmentsIn) => {
  const started = performance.now();
  f(state, 2024);
  return performance.now() - started;
};
const subject: number[] = [];
const base: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (baseline) base.push(time(baseline));
  subject.push(time(departmentsIn));
}
console.log(
  `departmentsIn, ${DEPARTMENTS} 部 × 8 課: median ${median(subject).toFixed(1)} ms` +
    (baseline
      ? `; baseline build ${median(base).toFixed(1)} ms, alternated (${(median(subject) / median(base)).toFixed(3)}×)`
      : ''),
);
