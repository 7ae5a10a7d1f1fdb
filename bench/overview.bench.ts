/**
 * npm run bench:overview — 全庁の状況 for 30 departments × 150 goals (4,500 goals of one fiscal year) on
 * the embedded default (SQLite, a real redis-server):
 *  - the pure overviewOf over the year's goals (no I/O);
 *  - GET /api/v1/overview?fiscalYear= as another system calls it (read models → figures → JSON), and the XLSX export;
 *  - 施策別 with a 総合計画 of 10 基本目標 × 3 政策 × 3 施策 (130 entries), each goal naming a 施策: the pure
 *    measureOverviewOf and GET /api/v1/overview/measures;
 *  - in headless Chromium, the 企画担当 signed in through the sign-in page: the time from navigation to
 *    the table's 30 rows drawn, and to the three charts drawn (the first render a person waits for).
 * The goals' events are written straight into the store (each through the real envelope, in a state
 * the deciders allow), because driving 4,500 goals through HTTP would measure the command path.
 */
// Browser globals, for the functions the page runs (this program is type-checked with Node's types).
declare const document: any, window: any;
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import {
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  envelope,
  goalStreamId,
  sheetStreamId,
  foldPlan,
  measureOverviewOf,
  overviewOf,
  planForYear,
} from '@goals/domain';
import { ManualClock } from '@goals/platform';
import { overviewGoalsOf, ReadModelQueries } from '@goals/read-models';
import { eventually, startApp } from '../test/support/app-harness';
import { CHROMIUM_LAUNCH, setPasswords, signIn } from '../test/web/browser';

type DomainEvent = { type: string; data: object };

const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 30);
const GOALS = 150;
const FY = 2022;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const clock = new ManualClock('2023-02-20T09:00:00+09:00', true);
  const app = await startApp({}, clock);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const started = performance.now();
    const kikaku = await app.call('admin', 'POST', '/admin/people', { body: { name: '企画 花子', loginId: 'kikaku' } });
    await app.call('admin', 'POST', '/admin/posts', {
      body: { personId: kikaku.body.id, kind: 'planning', from: `${FY}-04-01` },
    });
    for (let d = 1; d < DEPARTMENTS; d++) {
      const created = await app.call('admin', 'POST', '/admin/departments', {
        body: { name: `第${d}部`, effectiveFrom: `${FY}-04-01`, sections: ['第一課', '第二課', '第三課'] },
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
    const { departments } = (await app.call('admin', 'GET', `/departments?fiscalYear=${FY}`)).body as {
      departments: { departmentId: string; name: string; sections: { sectionId: string }[] }[];
    };
    // The city's 総合計画: 10 基本目標 × 3 政策 × 3 施策; goal g of a department names 施策 g mod 90.
    const entries = Array.from({ length: 10 }, (_, a) => [
      { id: `${a + 1}`, name: `基本目標${a + 1}` },
      ...Array.from({ length: 3 }, (_, b) => [
        { id: `${a + 1}-${b + 1}`, name: `政策${a + 1}-${b + 1}`, parentId: `${a + 1}` },
        ...Array.from({ length: 3 }, (_, c) => ({
          id: `${a + 1}-${b + 1}-${c + 1}`,
          name: `施策${a + 1}-${b + 1}-${c + 1}`,
          parentId: `${a + 1}-${b + 1}`,
        })),
      ]).flat(),
    ]).flat();
    const loaded = await app.call('admin', 'POST', '/admin/plan', {
      body: { validFrom: `${FY}-04-01`, title: '第6次総合計画', entries },
    });
    if (loaded.status !== 201) throw new Error(JSON.stringify(loaded.body));
    const measureIds = entries.filter((e) => e.id.split('-').length === 3).map((e) => e.id);
    const actor = { userId: 'bench', role: 'departmentHead' as const };
    const context = (day: number) => {
      const id = randomUUID();
      return {
        actor,
        occurredAt: new Date(Date.UTC(FY, 3, 1) + day * 86_400_000).toISOString(),
        correlationId: id,
        causationId: id,
      };
    };
    const wrap = (events: DomainEvent[], day: number) => events.map((e) => envelope(e, randomUUID(), context(day)));
    let n = 0;
    for (const d of departments) {
      const sheetId = randomUUID();
      const registered: DomainEvent[] = [];
      const goals: Array<[string, DomainEvent[]]> = [];
      for (let g = 0; g < GOALS; g++) {
        const goalId = randomUUID();
        n += 1;
        const section = g % 10 === 0 ? '共通' : d.sections[g % d.sections.length].sectionId;
        const events: DomainEvent[] = [
          {
            type: 'GoalDrafted',
            data: {
              goalId,
              sheetId,
              departmentId: d.departmentId,
              fiscalYear: FY,
              title: `目標${g + 1}：窓口サービスの向上と手続の簡素化`,
              category: DEFAULT_CATEGORIES[g % DEFAULT_CATEGORIES.length],
              targetLevel: '手続時間が半減している。',
              method: 'システム改修と窓口の再編を行う。',
              deadlineMonth: (g % 12) + 1,
              sections: [section],
              measureId: measureIds[g % measureIds.length],
            },
          },
        ];
        // Where each goal stands: a few drafts and submissions, most approved, many rated and confirmed.
        const stage = (n * 7) % 10;
        if (stage >= 1) events.push({ type: 'GoalSubmitted', data: { goalId } });
        if (stage >= 2) events.push({ type: 'GoalApproved', data: { goalId } });
        const level = DEFAULT_ACHIEVEMENT_SCALE[(n * 3) % DEFAULT_ACHIEVEMENT_SCALE.length];
        if (stage >= 5) events.push({ type: 'AchievementRecorded', data: { goalId, level } });
        if (stage >= 7) events.push({ type: 'AchievementConfirmed', data: { goalId, level, recordedLevel: level } });
        goals.push([goalId, events]);
        registered.push({ type: 'GoalRegistered', data: { sheetId, goalId, number: g + 1 } });
      }
      const opened = {
        type: 'SheetOpened',
        data: {
          sheetId,
          departmentId: d.departmentId,
          fiscalYear: FY,
          createdOn: `${FY}-04-01`,
          headTitle: `${d.name}長`,
          headName: '山田太郎',
        },
      };
      await app.store.append(sheetStreamId(sheetId), wrap([opened, ...registered], 0), {
        expectedRevision: 'no_stream',
      });
      for (const [goalId, events] of goals)
        await app.store.append(goalStreamId(goalId), wrap(events, 30 + (goalId.charCodeAt(0) % 60)), {
          expectedRevision: 'no_stream',
        });
    }
    const total = DEPARTMENTS * GOALS;
    const caughtUp = await eventually(
      () => app.call('kikaku', 'GET', `/overview?fiscalYear=${FY}`),
      (r) => r.body.total?.goals.count === total,
      180_000,
    );
    if (caughtUp.body.total?.goals.count !== total)
      throw new Error(`projected ${caughtUp.body.total?.goals.count} goals`);
    console.log(
      `set-up: ${DEPARTMENTS} departments × ${GOALS} goals written and projected in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // The pure function alone.
    const queries = new ReadModelQueries(
      app.app.get(ReadModelQueries)['redis'],
      app.app.get(ReadModelQueries)['prefix'],
    );
    const goals = await overviewGoalsOf(queries, FY);
    const input = {
      fiscalYear: FY,
      today: '2023-02-20',
      departments: departments.map((d) => ({ ...d, sections: [] })),
      goals,
      achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
      achievedLevels: 2,
    };
    const pure: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      overviewOf(input);
      pure.push(performance.now() - t);
    }
    const reads: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await overviewGoalsOf(queries, FY);
      reads.push(performance.now() - t);
    }
    console.log(`overviewOf over ${goals.length} goals (pure): median ${median(pure).toFixed(1)} ms of 30`);
    const plan = planForYear(
      foldPlan([
        {
          type: 'ComprehensivePlanLoaded',
          data: { validFrom: `${FY}-04-01`, levels: ['基本目標', '政策', '施策'], entries },
        },
      ]),
      FY,
    );
    const byMeasure: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      measureOverviewOf(input, plan);
      byMeasure.push(performance.now() - t);
    }
    console.log(
      `measureOverviewOf over ${goals.length} goals and ${entries.length} plan entries (pure): median ${median(byMeasure).toFixed(1)} ms of 30`,
    );
    console.log(`  reading them from the read models: median ${median(reads).toFixed(1)} ms of 30`);

    const api: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const r = await app.call('kikaku', 'GET', `/overview?fiscalYear=${FY}`);
      api.push(performance.now() - t);
      bytes = JSON.stringify(r.body).length;
    }
    console.log(
      `GET /api/v1/overview: median ${median(api).toFixed(0)} ms, worst ${Math.max(...api).toFixed(0)} ms of 20 (${(bytes / 1024).toFixed(0)} KB of JSON)`,
    );
    const measuresApi: number[] = [];
    let measuresBytes = 0;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const r = await app.call('kikaku', 'GET', `/overview/measures?fiscalYear=${FY}`);
      measuresApi.push(performance.now() - t);
      measuresBytes = JSON.stringify(r.body).length;
    }
    console.log(
      `GET /api/v1/overview/measures: median ${median(measuresApi).toFixed(0)} ms, worst ${Math.max(...measuresApi).toFixed(0)} ms of 10 (${(measuresBytes / 1024).toFixed(0)} KB of JSON)`,
    );
    const files: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await fetch(`${app.baseUrl}/api/v1/overview/export?fiscalYear=${FY}&format=xlsx`, {
        headers: { authorization: `Bearer ${await app.token('kikaku')}` },
      });
      await r.arrayBuffer();
      files.push(performance.now() - t);
    }
    console.log(`GET /api/v1/overview/export?format=xlsx: median ${median(files).toFixed(0)} ms of 5`);

    // The browser: signed in as a person does, then 全庁の状況 from a fresh navigation.
    await setPasswords(app, ['kikaku']);
    const person = {
      baseURL: app.baseUrl,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 1280, height: 900 },
    };
    const signing = await browser.newContext(person);
    const login = await signing.newPage();
    await login.goto('/');
    await signIn(login, 'kikaku');
    const session = await signing.storageState();
    await signing.close();
    const tableTimes: number[] = [];
    const chartTimes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext({ ...person, storageState: { cookies: session.cookies, origins: [] } });
      const page = await context.newPage();
      await page.goto(`/overview?fiscalYear=${FY}`);
      await page
        .waitForFunction(
          (rows: number) => document.querySelectorAll('.overview-table tbody tr').length >= rows,
          DEPARTMENTS + 1,
          {
            timeout: 15_000,
          },
        )
        .catch(async () => {
          throw new Error(
            `全庁の状況 did not show its rows: ${page.url()}\n${(await page.innerText('body')).slice(0, 800)}`,
          );
        });
      await page.waitForFunction(
        (rows: number) => document.querySelectorAll('.overview-table tbody tr').length >= rows,
        DEPARTMENTS + 1,
        {
          timeout: 60_000,
          polling: 'raf',
        },
      );
      const table = await page.evaluate(() => window.performance.now() as number);
      await page.waitForFunction(() => document.querySelectorAll('.chart-svg').length >= 3, undefined, {
        timeout: 60_000,
        polling: 'raf',
      });
      const charts = await page.evaluate(() => window.performance.now() as number);
      tableTimes.push(table);
      chartTimes.push(charts);
      await context.close();
    }
    console.log(
      `browser, first render of 全庁の状況 (empty cache, navigation → ${DEPARTMENTS} rows drawn): median ${median(tableTimes).toFixed(0)} ms, worst ${Math.max(...tableTimes).toFixed(0)} ms of 5`,
    );
    console.log(
      `  → the three charts drawn: median ${median(chartTimes).toFixed(0)} ms, worst ${Math.max(...chartTimes).toFixed(0)} ms of 5`,
    );
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
