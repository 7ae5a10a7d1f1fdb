/**
 * Every write route, from the OpenAPI document, against the one write path: a route that documents
 * If-Match refuses a stale one and writes nothing; a route that documents Idempotency-Key answers a
 * retry exactly as it answered the first time (status, body, ETag) and writes once. A write route
 * that documents neither fails the first test unless it is in NEITHER below, with the reason — so
 * whoever adds a write route either puts it on the path or says here why it is not a command.
 *
 * Each route needs a request that succeeds: `prepare` builds a fresh target (a goal in the right
 * state, a new department, …) and returns the request, so every case runs on its own target.
 */
import { readFileSync } from 'node:fs';
import { ManualClock } from '@goals/platform';
import { buildOpenApiJson } from '../../apps/api/src/cli/web-api-schema';
import { ApiResponse, AppHarness, eventually, startApp } from '../support/app-harness';
import { FIXTURE_PATH } from '../support/fixture-sheet';
import { SAMPLE_GOAL } from '../support/sample-goal';

/**
 * Write routes that are no command on a stream, so neither header applies. Each says why.
 */
const NEITHER: Record<string, string> = {
  // Ending one's own browser session: repeating it is harmless, and there is no revision to be stale.
  'DELETE /api/v1/me/sessions/{handle}': 'session store, not an event stream',
  // The password is checked against the current one; a retry after success is refused as a wrong password.
  'POST /api/v1/me/password': 'credentials store, not an event stream',
  // Each call mints a new one-time link on purpose (the old one stops working).
  'POST /api/v1/admin/accounts/{loginId}/set-password-link': 'mints a new link each time by design',
  // Signing someone out everywhere: repeating it is harmless.
  'DELETE /api/v1/admin/accounts/{loginId}/sessions': 'session store, not an event stream',
  'DELETE /api/v1/admin/accounts/{loginId}/sessions/{handle}': 'session store, not an event stream',
  // Maintenance: rebuilding read models or reminder jobs from the events changes no event.
  'POST /api/v1/admin/read-models/rebuild': 'rebuilds Redis from the events; writes no event',
  'POST /api/v1/admin/reminders/retry': 'requeues reminder jobs; writes no event',
  'POST /api/v1/admin/reminders/rebuild': 'reschedules reminder jobs; writes no event',
  // The auditor's full re-verification: starting it twice shares one run; it reads the events, writes none.
  'POST /api/v1/audit/verify/full': 'starts a background check of the events; writes no event',
  'DELETE /api/v1/audit/verify/full': 'cancels that check; writes no event',
};

interface WriteRequest {
  user: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** Sent with every request of the case (revise and amend require the revision edited). */
  headers?: Record<string, string>;
}

const DAY = '2026-05-11';
const SHEET_YEAR = 2026;
const CSV = 'text/csv';

export function writeRoutesEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`every write route on the one write path (${storeName})`, () => {
    let api: AppHarness;
    let writes: string[];
    let documented: Map<string, { ifMatch: boolean; idempotencyKey: boolean }>;
    let sheetId: string;
    let n = 0;
    /** Sheets of years of their own: one sheet per department and year. */
    let sheetYears = 0;
    /** A name no other case uses: cases create departments, people and sheets of their own. */
    const unique = (prefix: string) => `${prefix}${++n}`;

    const ok = async (response: Promise<ApiResponse>) => {
      const r = await response;
      if (r.status >= 300) throw new Error(`fixture failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const send = (request: WriteRequest, method: string, headers: Record<string, string> = {}) =>
      api.call(request.user, method, request.path, {
        ...(request.rawBody !== undefined
          ? { rawBody: request.rawBody, contentType: request.contentType }
          : { body: request.body }),
        headers: { ...request.headers, ...headers },
      });
    /** What the requests wrote: the in-process reminders may add ReminderSent at any moment. */
    const commandEvents = async () => (await api.store.readAll()).filter((e) => e.type !== 'ReminderSent');

    // Fixtures: goals in each state on 市民生活部's sheet, departments and sections of their own.
    const goal = async (state: 'draft' | 'submitted' | 'approved' | 'recorded') => {
      const { goalId } = await ok(
        api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title: unique('目標') },
        }),
      );
      if (state === 'draft') return goalId as string;
      await ok(api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {}));
      if (state === 'submitted') return goalId as string;
      await ok(api.call('bucho', 'POST', `/goals/${goalId}/approve`, {}));
      if (state === 'approved') return goalId as string;
      await ok(api.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, { body: { level: 'ほぼ達成した' } }));
      return goalId as string;
    };
    const revisionOf = async (goalId: string) =>
      String((await ok(api.call('bucho', 'GET', `/goals/${goalId}`))).revision);
    const department = async (sections: string[] = []) => {
      const { id } = await ok(
        api.call('admin', 'POST', '/admin/departments', {
          body: { name: unique('試験部'), effectiveFrom: '2026-04-01', sections },
        }),
      );
      const { departments } = await ok(api.call('admin', 'GET', '/departments?fiscalYear=2026'));
      const found = departments.find((d: { departmentId: string }) => d.departmentId === id);
      return { departmentId: id as string, sectionIds: found.sections.map((s: { sectionId: string }) => s.sectionId) };
    };
    const person = async () =>
      (
        await ok(
          api.call('admin', 'POST', '/admin/people', {
            body: { name: unique('試験太郎'), loginId: unique('shiken-') },
          }),
        )
      ).id as string;
    let delegationWeek = 0;
    /** 代決 for a week of its own, so grants never overlap. */
    const week = () => {
      const from = new Date(Date.UTC(2026, 5, 1 + 7 * delegationWeek++));
      const until = new Date(from.getTime() + 6 * 86_400_000);
      return { from: from.toISOString().slice(0, 10), until: until.toISOString().slice(0, 10) };
    };
    const reorganisation = { effectiveFrom: '2027-04-01', reason: '機構改革（試験）' };

    /** A sheet of a year of its own for 市民生活部, with nothing on it (the year's close needs no goal). */
    const emptySheet = async () => {
      const year = SHEET_YEAR + 60 + ++sheetYears;
      const body = { department: '市民生活部', fiscalYear: year, createdOn: `${year}-04-01` };
      const { sheetId: id } = await ok(
        api.call('bucho', 'POST', '/sheets', { body: { ...body, headTitle: '市民生活部長', headName: '沢柳和彦' } }),
      );
      return { id: id as string, year };
    };
    let midYearDay = 0;
    /**
     * 市民課's 中間報告 in a window of its own on the year's sheet: one-day windows in April, past by
     * 5月11日 (a late report is still taken), so windows never overlap and each case has a fresh report.
     */
    const midYearReport = async (state: 'open' | 'submitted') => {
      const goalId = await goal('approved');
      const day = new Date(Date.UTC(SHEET_YEAR, 3, 1 + midYearDay++)).toISOString().slice(0, 10);
      const { number } = await ok(
        api.call('bucho', 'POST', `/sheets/${sheetId}/mid-year-windows`, { body: { opensOn: day, closesOn: day } }),
      );
      const sectionId = (await ok(api.call('bucho', 'GET', `/goals/${goalId}`))).sectionIds[0] as string;
      // Every approved goal of 市民課 is reported on: read them once the newest is projected.
      const year = await eventually(
        () => api.call('bucho', 'GET', `/sheets/${sheetId}/year`),
        (r) =>
          r.body?.windows
            ?.find((w: { number: number }) => w.number === number)
            ?.sections.some((x: { goals: { goalId: string }[] }) => x.goals.some((g) => g.goalId === goalId)),
      );
      const section = year.body.windows
        .find((w: { number: number }) => w.number === number)
        .sections.find((x: { sectionId: string }) => x.sectionId === sectionId);
      const entries = section.goals.map((g: { goalId: string }) => ({ goalId: g.goalId, progress: '順調' }));
      const path = `/sheets/${sheetId}/mid-year-windows/${number}/reports/${sectionId}`;
      if (state === 'submitted') await ok(api.call('kacho-shimin', 'POST', `${path}/submit`, { body: { entries } }));
      return { path, entries };
    };

    /** 達成度の区分 of a year no goal is rated in: the scale may still change there. */
    let scaleYears = 0;

    const ROUTES: Record<string, () => Promise<WriteRequest>> = {
      'PUT /api/v1/achievement-scales/{fiscalYear}': async () => ({
        user: 'admin',
        path: `/achievement-scales/${2099 - ++scaleYears}`,
        body: {
          levels: ['計画以上', '計画通り', '計画未満'],
          achievedLevels: 2,
          notAssessable: '評価不能',
          reason: '市の要綱',
        },
      }),
      'POST /api/v1/admin/roster': async () => ({
        user: 'admin',
        path: '/admin/roster',
        rawBody: `職員番号,氏名,メール,所属部,所属課,職,発令日\n${unique('9')},試験花子,,市民生活部,市民課,庶務担当,2026-04-01\n`,
        contentType: CSV,
      }),
      // Each case loads a version of its own day with an entry of its own, so each one writes.
      'POST /api/v1/admin/plan': async () => ({
        user: 'admin',
        path: '/admin/plan',
        body: { validFrom: '2030-04-01', entries: [{ id: unique('P'), name: '試験の施策' }] },
      }),
      'POST /api/v1/admin/plan/file': async () => ({
        user: 'admin',
        path: '/admin/plan/file?validFrom=2031-04-01',
        rawBody: `ID,名称,親ID\n${unique('Q')},試験の施策,\n`,
        contentType: CSV,
      }),
      'POST /api/v1/admin/people': async () => ({
        user: 'admin',
        path: '/admin/people',
        body: { name: unique('試験次郎'), loginId: unique('person-') },
      }),
      'POST /api/v1/admin/people/{personId}/login-id': async () => ({
        user: 'admin',
        path: `/admin/people/${await person()}/login-id`,
        body: { loginId: unique('renamed-'), reason: '表記の統一' },
      }),
      'POST /api/v1/admin/people/{personId}/merge': async () => ({
        user: 'admin',
        path: `/admin/people/${await person()}/merge`,
        body: { intoPersonId: await person(), reason: '二重登録のため' },
      }),
      'POST /api/v1/admin/departments': async () => ({
        user: 'admin',
        path: '/admin/departments',
        body: { name: unique('新設部'), effectiveFrom: '2026-04-01', sections: ['第一課', '第二課'] },
      }),
      'POST /api/v1/admin/departments/{departmentId}/sections': async () => ({
        user: 'admin',
        path: `/admin/departments/${(await department()).departmentId}/sections`,
        body: { name: '新設課', effectiveFrom: '2026-04-01' },
      }),
      'POST /api/v1/admin/sections/{sectionId}/rename': async () => ({
        user: 'admin',
        path: `/admin/sections/${(await department(['旧課'])).sectionIds[0]}/rename`,
        body: { name: '新課', effectiveFrom: '2027-04-01' },
      }),
      'POST /api/v1/admin/posts': async () => ({
        user: 'admin',
        path: '/admin/posts',
        body: { personId: await person(), kind: 'auditor', from: '2026-04-01' },
      }),
      'POST /api/v1/admin/posts/{postId}/end': async () => {
        const { id } = await ok(
          api.call('admin', 'POST', '/admin/posts', {
            body: { personId: await person(), kind: 'auditor', from: '2026-04-01' },
          }),
        );
        return { user: 'admin', path: `/admin/posts/${id}/end`, body: { until: '2027-03-31' } };
      },
      'POST /api/v1/admin/departments/{departmentId}/rename': async () => ({
        user: 'admin',
        path: `/admin/departments/${(await department()).departmentId}/rename`,
        body: { name: unique('改称部'), ...reorganisation },
      }),
      'POST /api/v1/admin/departments/{departmentId}/abolish': async () => ({
        user: 'admin',
        path: `/admin/departments/${(await department()).departmentId}/abolish`,
        body: reorganisation,
      }),
      'POST /api/v1/admin/sections/{sectionId}/move': async () => ({
        user: 'admin',
        path: `/admin/sections/${(await department(['移る課'])).sectionIds[0]}/move`,
        body: { departmentId: (await department()).departmentId, ...reorganisation },
      }),
      'POST /api/v1/admin/sections/merge': async () => ({
        user: 'admin',
        path: '/admin/sections/merge',
        body: {
          sectionIds: (await department(['甲課', '乙課'])).sectionIds,
          into: { name: '甲乙課' },
          ...reorganisation,
        },
      }),
      'POST /api/v1/admin/sections/{sectionId}/split': async () => ({
        user: 'admin',
        path: `/admin/sections/${(await department(['分かれる課'])).sectionIds[0]}/split`,
        body: { into: [{ name: '丙課' }, { name: '丁課' }], ...reorganisation },
      }),
      'POST /api/v1/admin/sections/{sectionId}/abolish': async () => ({
        user: 'admin',
        path: `/admin/sections/${(await department(['廃される課'])).sectionIds[0]}/abolish`,
        body: reorganisation,
      }),
      'POST /api/v1/sheets': async () => {
        const fiscalYear = SHEET_YEAR + ++sheetYears;
        return {
          user: 'bucho',
          path: '/sheets',
          body: {
            department: '市民生活部',
            fiscalYear,
            createdOn: `${fiscalYear}-04-01`,
            headTitle: '市民生活部長',
            headName: '沢柳和彦',
          },
        };
      },
      'POST /api/v1/sheets/import': async () => ({
        user: 'admin',
        path: '/sheets/import',
        rawBody: readFileSync(FIXTURE_PATH, 'utf8'),
        contentType: 'text/tab-separated-values',
      }),
      'POST /api/v1/sheets/{sheetId}/order': async () => {
        const year = SHEET_YEAR + 40 + ++sheetYears;
        const { sheetId: id } = await ok(
          api.call('bucho', 'POST', '/sheets', {
            body: {
              department: '市民生活部',
              fiscalYear: year,
              createdOn: `${year}-04-01`,
              headTitle: '市民生活部長',
              headName: '沢柳和彦',
            },
          }),
        );
        const draft = async () =>
          (await ok(api.call('kacho-shimin', 'POST', `/sheets/${id}/goals`, { body: SAMPLE_GOAL }))).goalId;
        const [first, second] = [await draft(), await draft()];
        return { user: 'bucho', path: `/sheets/${id}/order`, body: { goalIds: [second, first] } };
      },
      'POST /api/v1/sheets/{sheetId}/goals': async () => ({
        user: 'kacho-shimin',
        path: `/sheets/${sheetId}/goals`,
        body: { ...SAMPLE_GOAL, title: unique('新しい目標') },
      }),
      'PATCH /api/v1/goals/{goalId}': async () => {
        const goalId = await goal('draft');
        return {
          user: 'kacho-shimin',
          path: `/goals/${goalId}`,
          body: { title: '書き直した目標' },
          headers: { 'if-match': `"${await revisionOf(goalId)}"` },
        };
      },
      'POST /api/v1/goals/{goalId}/submit': async () => ({
        user: 'kacho-shimin',
        path: `/goals/${await goal('draft')}/submit`,
        body: {},
      }),
      'POST /api/v1/goals/{goalId}/delete': async () => ({
        user: 'kacho-shimin',
        path: `/goals/${await goal('draft')}/delete`,
        body: { reason: '二重に作成したため' },
      }),
      'POST /api/v1/goals/{goalId}/withdraw': async () => ({
        user: 'kacho-shimin',
        path: `/goals/${await goal('submitted')}/withdraw`,
        body: {},
      }),
      'POST /api/v1/goals/{goalId}/approve': async () => ({
        user: 'bucho',
        path: `/goals/${await goal('submitted')}/approve`,
        body: {},
      }),
      'POST /api/v1/goals/{goalId}/return': async () => ({
        user: 'bucho',
        path: `/goals/${await goal('submitted')}/return`,
        body: { reason: '数値目標を入れてください' },
      }),
      'POST /api/v1/goals/{goalId}/amend': async () => {
        const goalId = await goal('approved');
        return {
          user: 'kacho-shimin',
          path: `/goals/${goalId}/amend`,
          body: { deadlineMonth: 3, reason: '工期の延長' },
          headers: { 'if-match': `"${await revisionOf(goalId)}"` },
        };
      },
      'POST /api/v1/goals/{goalId}/achievement': async () => ({
        user: 'kacho-shimin',
        path: `/goals/${await goal('approved')}/achievement`,
        body: { level: 'ほぼ達成した' },
      }),
      'POST /api/v1/goals/{goalId}/achievement/confirm': async () => ({
        user: 'bucho',
        path: `/goals/${await goal('recorded')}/achievement/confirm`,
        body: {},
      }),
      'POST /api/v1/inbox/reviews/{reviewId}/acknowledge': async () => {
        // 代決: 経済課長 approves 市民課's goal in the head's stead (a delegation in force today, from beforeAll).
        const goalId = await goal('submitted');
        await ok(api.call('kacho-keizai', 'POST', `/goals/${goalId}/approve`, {}));
        const inbox = await eventually(
          () => api.call('bucho', 'GET', '/inbox'),
          (r) =>
            r.body?.items?.some((i: { kind: string; goalId: string }) => i.kind === 'review' && i.goalId === goalId),
        );
        const review = inbox.body.items.find(
          (i: { kind: string; goalId: string }) => i.kind === 'review' && i.goalId === goalId,
        );
        return { user: 'bucho', path: `/inbox/reviews/${review.reviewId}/acknowledge`, body: {} };
      },
      'POST /api/v1/delegations': async () => ({
        user: 'bucho',
        path: '/delegations',
        body: { delegate: 'kacho-kyodo', ...week(), reason: '出張' },
      }),
      'POST /api/v1/sheets/{sheetId}/mid-year-windows': async () => {
        const { id, year } = await emptySheet();
        return {
          user: 'bucho',
          path: `/sheets/${id}/mid-year-windows`,
          body: { opensOn: `${year}-09-01`, closesOn: `${year}-10-14`, label: '上期' },
        };
      },
      'PUT /api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}': async () => {
        const { path, entries } = await midYearReport('open');
        return { user: 'kacho-shimin', path, body: { entries } };
      },
      'POST /api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/submit': async () => {
        const { path, entries } = await midYearReport('open');
        return { user: 'kacho-shimin', path: `${path}/submit`, body: { entries } };
      },
      'POST /api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/return': async () => ({
        user: 'bucho',
        path: `${(await midYearReport('submitted')).path}/return`,
        body: { reason: '進捗コメントを具体的に' },
      }),
      'POST /api/v1/sheets/{sheetId}/mid-year-windows/{window}/reports/{sectionId}/confirm': async () => ({
        user: 'bucho',
        path: `${(await midYearReport('submitted')).path}/confirm`,
        body: {},
      }),
      'POST /api/v1/sheets/{sheetId}/publications': async () => {
        // 公表 takes the approved text as the sheet shows it: wait until the approval is on the sheet.
        const goalId = await goal('approved');
        await eventually(
          () => api.call('bucho', 'GET', `/sheets/${sheetId}`),
          (r) =>
            r.body?.rows?.some(
              (row: { goalId: string; status: string }) => row.goalId === goalId && row.status === 'approved',
            ),
        );
        return { user: 'bucho', path: `/sheets/${sheetId}/publications`, body: { kind: 'setting' } };
      },
      'POST /api/v1/sheets/{sheetId}/close': async () => ({
        user: 'bucho',
        path: `/sheets/${(await emptySheet()).id}/close`,
        body: {},
      }),
      'POST /api/v1/sheets/{sheetId}/reopen': async () => {
        const { id } = await emptySheet();
        await ok(api.call('bucho', 'POST', `/sheets/${id}/close`, {}));
        return { user: 'bucho', path: `/sheets/${id}/reopen`, body: { reason: '実績の訂正' } };
      },
      // 次年度への引継ぎ: a closed year with an unachieved goal, and the next year's sheet to carry it into.
      'POST /api/v1/sheets/{sheetId}/carry-over': async () => {
        const closed = await emptySheet();
        const { goalId } = await ok(
          api.call('kacho-shimin', 'POST', `/sheets/${closed.id}/goals`, {
            body: { ...SAMPLE_GOAL, title: unique('目標') },
          }),
        );
        await ok(api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {}));
        await ok(api.call('bucho', 'POST', `/goals/${goalId}/approve`, {}));
        await ok(
          api.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, { body: { level: '達成できなかった' } }),
        );
        await ok(api.call('bucho', 'POST', `/goals/${goalId}/achievement/confirm`, {}));
        await ok(api.call('bucho', 'POST', `/sheets/${closed.id}/close`, {}));
        const next = await emptySheet();
        return { user: 'bucho', path: `/sheets/${next.id}/carry-over`, body: { goals: [{ goalId }] } };
      },
      'PUT /api/v1/goals/{goalId}/continuing': async () => ({
        user: 'kacho-shimin',
        path: `/goals/${await goal('approved')}/continuing`,
        body: { continuing: true },
      }),
      'POST /api/v1/delegations/{delegationId}/revoke': async () => {
        const { delegationId } = await ok(
          api.call('bucho', 'POST', '/delegations', { body: { delegate: 'kacho-kyodo', ...week(), reason: '研修' } }),
        );
        return { user: 'bucho', path: `/delegations/${delegationId}/revoke`, body: {} };
      },
    };

    beforeAll(async () => {
      const document = JSON.parse(await buildOpenApiJson());
      documented = new Map();
      for (const [path, item] of Object.entries<Record<string, { parameters?: { in: string; name: string }[] }>>(
        document.paths,
      ))
        for (const [method, op] of Object.entries(item)) {
          if (method === 'get') continue;
          const header = (name: string) =>
            op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === name) ?? false;
          documented.set(`${method.toUpperCase()} ${path}`, {
            ifMatch: header('if-match'),
            idempotencyKey: header('idempotency-key'),
          });
        }
      writes = [...documented.keys()];
      api = await startApp(env(), new ManualClock(`${DAY}T09:00:00+09:00`, true));
      sheetId = (
        await ok(
          api.call('bucho', 'POST', '/sheets', {
            body: {
              department: '市民生活部',
              fiscalYear: SHEET_YEAR,
              createdOn: `${SHEET_YEAR}-04-01`,
              headTitle: '市民生活部長',
              headName: '沢柳和彦',
            },
          }),
        )
      ).sheetId;
      // In force today, for the 後閲 case; the other cases grant weeks from June on.
      await ok(
        api.call('bucho', 'POST', '/delegations', {
          body: { delegate: 'kacho-keizai', from: DAY, until: '2026-05-31', reason: '出張' },
        }),
      );
    }, 120_000);
    afterAll(async () => {
      await api?.close();
    });

    it('documents If-Match or Idempotency-Key on every write route, or says why neither applies', () => {
      const bare = writes.filter((w) => {
        const d = documented.get(w)!;
        return !d.ifMatch && !d.idempotencyKey && !(w in NEITHER);
      });
      expect(bare).toEqual([]);
      // The allow-list holds only routes that exist and really document neither.
      expect(Object.keys(NEITHER).filter((w) => !documented.has(w) || documented.get(w)!.ifMatch)).toEqual([]);
    });

    it('has a fixture request for every write route that documents either', () => {
      const onPath = writes.filter((w) => !(w in NEITHER));
      expect(onPath.filter((w) => !(w in ROUTES))).toEqual([]);
      expect(Object.keys(ROUTES).filter((w) => !onPath.includes(w))).toEqual([]);
    });

    const methodOf = (route: string) => route.split(' ')[0];

    describe('a stale If-Match is refused and changes nothing', () => {
      for (const route of Object.keys(ROUTES))
        it(route, async () => {
          if (!documented.get(route)!.ifMatch) {
            // Documents only Idempotency-Key (a file upload): checked in the next block.
            expect(documented.get(route)).toEqual({ ifMatch: false, idempotencyKey: true });
            return;
          }
          const request = await ROUTES[route]();
          const before = (await commandEvents()).length;
          const refused = await send(request, methodOf(route), { 'if-match': '"999"' });
          expect({ status: refused.status, type: refused.body?.type }).toEqual({
            status: 409,
            type: expect.stringContaining('stale-revision'),
          });
          expect(refused.headers.get('content-type')).toContain('application/problem+json');
          // The revision to reload, in the body and as the ETag (none on a stream that does not exist yet).
          const current = refused.body.currentRevision;
          expect(refused.headers.get('etag')).toBe(current === null ? null : `"${current}"`);
          expect((await commandEvents()).slice(before).map((e) => `${e.streamId} ${e.type}`)).toEqual([]);
        });
    });

    describe('a retry with the same Idempotency-Key answers as the first time and writes once', () => {
      for (const route of Object.keys(ROUTES))
        it(route, async () => {
          expect(documented.get(route)!.idempotencyKey).toBe(true);
          const request = await ROUTES[route]();
          const key = { 'idempotency-key': `table-${route.replace(/\W+/g, '-')}-${n}` };
          const before = (await commandEvents()).length;
          const first = await send(request, methodOf(route), key);
          expect(first.status).toBeLessThan(300);
          const written = (await commandEvents()).length - before;
          expect(written).toBeGreaterThan(0);
          const retry = await send(request, methodOf(route), key);
          expect({ status: retry.status, body: retry.body, etag: retry.headers.get('etag') }).toEqual({
            status: first.status,
            body: first.body,
            etag: first.headers.get('etag'),
          });
          expect((await commandEvents()).length - before).toBe(written);

          // The same key with another request is the client's mistake: 422, nothing written.
          const { 'if-match': _, ...headers } = request.headers ?? {};
          const other: WriteRequest =
            request.rawBody !== undefined
              ? { ...request, rawBody: `${request.rawBody}\n` }
              : { ...request, headers, body: { ...(request.body as object), expectedRevision: 999 } };
          const reused = await send(other, methodOf(route), key);
          expect(reused.status).toBe(422);
          expect(reused.headers.get('content-type')).toContain('application/problem+json');
          expect((await commandEvents()).length - before).toBe(written);
        });
    });
  });
}
