/**
 * A big directory: BENCH_DEPARTMENTS (2,000) 部 of 8 課 over BENCH_YEARS (10) years of 人事異動 and
 * 機構改革 (`support/big-directory.ts`), built as events (not through HTTP: seconds, not hours), and
 * then the questions the service asks of it, median of BENCH_ROUNDS (9):
 * - the fold of the whole directory stream, and the fold with a goal command's first questions (this
 *   build makes its lists of people and posts when first asked: the two together are what a process
 *   pays once before its first goal command);
 * - `departmentIn` (one 部 of a year: every goal command asks it, several times) and `departmentsIn`
 *   with its JSON (the department list, behind every screen that lists 部);
 * - the check of a 課長 assignment (decideOrganisation AssignPost);
 * - the questions a goal command asks of the folded state (the actor, the 部's name, 課名 → ids, the
 *   部 of the year with its 課 and the 課 that carry a goal's 課 today);
 * - through the api's OrganisationDirectory on a SQLite store holding the stream: the directory
 *   work of one goal command (the actor, the 部's name today, its rules of the year, 課名 → ids,
 *   the reading of old names), outside a request and within one (where a read of the stream begun
 *   after the request arrived serves all its questions), and one administrator's write (an
 *   assignment, decided and appended).
 * With BENCH_BASELINE_DIST=<another build's dist> (`node scripts/build-if-stale.js` there) that
 * build's functions and service are timed alternately on the same events and store; BENCH_FOLD_ONLY=1
 * stops after the fold (for a baseline from before the index, whose scans take minutes).
 *   npm run bench:directory
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as domain from '@goals/domain';
import { derivedUuid, SqliteEventStore } from '@goals/event-store';
import { OrganisationDirectory } from '../apps/api/src/organisation/organisation-directory.service';
import { CommandContext } from '../apps/api/src/shared/command-context';
import { withinRequest } from '../apps/api/src/shared/request-arrival';
import { EventStreams } from '../apps/api/src/shared/event-streams';
import { AchievementScales } from '../apps/api/src/scales/achievement-scales.service';
import { asNewEvents, bigDirectory } from './support/big-directory';

const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 2000);
const YEARS = Number(process.env.BENCH_YEARS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BASELINE = process.env.BENCH_BASELINE_DIST;

type Domain = typeof domain;
type Service = typeof OrganisationDirectory;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/** The subject and, when given, the baseline build: each with its own domain (its own state shape) and service. */
interface Build {
  name: string;
  domain: Domain;
  Service: Service;
}
const builds: Build[] = [{ name: 'this build', domain, Service: OrganisationDirectory }];
if (BASELINE)
  builds.push({
    name: 'baseline',
    /* eslint-disable @typescript-eslint/no-require-imports */
    domain: require(join(BASELINE, 'libs/domain/src/index.js')) as Domain,
    Service: (
      require(join(BASELINE, 'apps/api/src/organisation/organisation-directory.service.js')) as {
        OrganisationDirectory: Service;
      }
    ).OrganisationDirectory,
    /* eslint-enable @typescript-eslint/no-require-imports */
  });

/**
 * Times `work` for every build, round by round alternated, after a round not counted (the JIT's);
 * per build the time of each round in ms.
 */
async function alternated(
  rounds: number,
  work: (b: Build, round: number) => unknown,
  warmUp = true,
): Promise<number[][]> {
  const times = builds.map(() => [] as number[]);
  if (warmUp) for (const b of builds) await work(b, -1);
  for (let r = 0; r < rounds; r++)
    for (const [i, b] of builds.entries()) {
      const started = performance.now();
      await work(b, r);
      times[i].push(performance.now() - started);
    }
  return times;
}

function report(what: string, times: number[][], unit: 'ms' | 'µs' = 'ms', per = 1) {
  const scale = (unit === 'µs' ? 1000 : 1) / per;
  const cell = (t: number[]) => `${(median(t) * scale).toFixed(unit === 'µs' ? 1 : 2)} ${unit}`;
  const line = builds.map((b, i) => `${b.name} ${cell(times[i])}`).join('; ');
  const ratio = times[1] ? ` (${(median(times[0]) / median(times[1])).toFixed(4)}×)` : '';
  console.log(`${what}: ${line}${ratio}  [rounds ${spread(times[0].map((t) => t * scale))} ${unit}]`);
}

async function main() {
  let started = performance.now();
  const directory = bigDirectory(DEPARTMENTS, YEARS);
  const { counts, sample, vacancies, newcomer } = directory;
  const events = directory.events as domain.OrganisationEvent[];
  console.log(
    `directory: ${DEPARTMENTS} 部 × ${YEARS} years: ${events.length} events, ${counts.sections} 課, ` +
      `${counts.people} people, ${counts.posts} posts (built in ${(performance.now() - started).toFixed(0)} ms)`,
  );
  const fy = sample.fiscalYear;

  // The questions a goal command asks, on a folded state (no store read): the service's part is below.
  const questionDay = `${fy}-06-01`;
  const askAsAGoalCommand = (d: Domain, state: domain.OrganisationState) => {
    d.actorOn(state, sample.loginId, questionDay);
    d.departmentNameIn(state, sample.departmentId, fy);
    d.sectionIdsNamed(state, sample.departmentId, fy, [sample.sectionName]);
    d.departmentIn(state, sample.departmentId, fy);
    d.successorsOn(state, [sample.sectionId], questionDay);
    d.departmentIn(state, sample.departmentId, fy);
  };

  // Pure: the fold, then questions asked of the folded state.
  const FOLD_ROUNDS = process.env.BENCH_FOLD_ONLY ? ROUNDS : Math.min(ROUNDS, 2);
  const states = builds.map((b) => b.domain.foldOrganisation(events));
  report('fold of the directory stream', await alternated(FOLD_ROUNDS, (b) => b.domain.foldOrganisation(events)));
  report(
    'fold of the directory stream and a goal command’s first questions',
    await alternated(FOLD_ROUNDS, (b) => askAsAGoalCommand(b.domain, b.domain.foldOrganisation(events))),
  );
  if (process.env.BENCH_FOLD_ONLY) return;
  const CALLS = 200;
  report(
    `departmentIn (one 部 of a year), per call over ${CALLS}`,
    await alternated(ROUNDS, (b) => {
      const state = states[builds.indexOf(b)];
      for (let i = 0; i < CALLS; i++) b.domain.departmentIn(state, `D${(i * 7919) % DEPARTMENTS}`, fy - (i % YEARS));
    }),
    'µs',
    CALLS,
  );
  report(
    'departmentsIn + its JSON (the department list)',
    await alternated(ROUNDS, (b) => JSON.stringify(b.domain.departmentsIn(states[builds.indexOf(b)], fy))),
  );
  // A 課長 for a 課 without one, for the n-th day of the year: no two writes clash.
  const assignment = (n: number): domain.OrganisationCommand => {
    const day = new Date(`${newcomer.from}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + n);
    const { departmentId, sectionId } = vacancies[n % vacancies.length];
    const from = day.toISOString().slice(0, 10);
    return {
      type: 'AssignPost',
      data: {
        postId: `bench-post-${n}`,
        personId: newcomer.personId,
        kind: 'sectionHead',
        departmentId,
        sectionIds: [sectionId],
        from,
        until: from,
      },
    };
  };
  report(
    'the check of a 課長 assignment (decideOrganisation AssignPost)',
    await alternated(ROUNDS, (b, r) => b.domain.decideOrganisation(assignment(r + 1), states[builds.indexOf(b)])),
    'µs',
  );

  const QUESTIONS = 200;
  report(
    `a goal command's directory questions on the folded state, per command over ${QUESTIONS}`,
    await alternated(ROUNDS, (b) => {
      const state = states[builds.indexOf(b)];
      for (let i = 0; i < QUESTIONS; i++) askAsAGoalCommand(b.domain, state);
    }),
    'µs',
    QUESTIONS,
  );

  // Through the api's service, on a SQLite store holding the directory stream.
  const dir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  try {
    // Without the hash chain, which only writes would go through: filling 300,000 events takes minutes with it.
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    started = performance.now();
    const written = asNewEvents(directory.events, (i) => derivedUuid('bench-directory', String(i)));
    // In appends of 1,000: one is capped at 1 MiB.
    for (let i = 0; i < written.length; i += 1000)
      await store.append(domain.DIRECTORY_STREAM, written.slice(i, i + 1000), {
        expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
      });
    console.log(`store: ${written.length} events appended in ${(performance.now() - started).toFixed(0)} ms`);
    const config = {
      directory: { categories: ['行政改革'], achievementScale: ['達成した', '未達成'], departments: [], users: [] },
      overview: { achievedLevels: 1 },
    } as never;
    const clock = { now: () => new Date(`${fy}-06-01T01:00:00.000Z`) };
    // The year's 達成度の区分, which goalRules reads too (builds from before it take no such argument).
    const scales = new AchievementScales(store, config, new EventStreams(store, clock), undefined as never);
    const services = builds.map((b) => new b.Service(store, config, clock, scales));
    const first = await alternated(1, (b) => services[builds.indexOf(b)].current(), false);
    report('first read of the directory by the service (whole stream read and folded)', first);
    const day = `${fy}-06-01`;
    const GOAL_COMMANDS = 20;
    const goalCommand = async (service: OrganisationDirectory) => {
      await service.actorOn(sample.loginId, day);
      await service.legacyNames();
      (await service.naming()).department(sample.departmentId, fy);
      await service.sectionIds(sample.departmentId, fy, [sample.sectionName]);
      await service.goalRules(sample.departmentId, fy, day);
      await service.departmentHolding([sample.sectionId], fy, sample.departmentId);
    };
    report(
      `a goal command's directory work through the service, outside a request (each call reads the stream's new events), per command over ${GOAL_COMMANDS}`,
      await alternated(ROUNDS, async (b) => {
        for (let i = 0; i < GOAL_COMMANDS; i++) await goalCommand(services[builds.indexOf(b)]);
      }),
      'µs',
      GOAL_COMMANDS,
    );
    // As the api answers one: inside the request (bootstrap.ts stamps its arrival), where this build
    // reads the directory stream once, and a build from before the stamp as above.
    report(
      `a goal command's directory work through the service, within a request, per command over ${GOAL_COMMANDS}`,
      await alternated(ROUNDS, async (b) => {
        for (let i = 0; i < GOAL_COMMANDS; i++) await withinRequest(() => goalCommand(services[builds.indexOf(b)]));
      }),
      'µs',
      GOAL_COMMANDS,
    );
    const actor = { userId: 'bench-admin', role: 'admin' } as domain.Actor;
    const ctx = (r: number, b: string): CommandContext => ({
      actor,
      correlationId: `bench-${b}-${r}`,
      commandId: `bench-${b}-${r}`,
      requestHash: 'bench',
    });
    // The baseline re-reads and folds the whole stream twice per write: a few rounds, no warm-up.
    const WRITES = Math.min(ROUNDS, 2);
    report(
      'an administrator’s directory write (a 課長 assigned: read, decide, append)',
      await alternated(
        WRITES,
        (b, r) =>
          services[builds.indexOf(b)].execute(
            [assignment((r + 1) * builds.length + builds.indexOf(b))],
            ctx(r, b.name),
          ),
        false,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
