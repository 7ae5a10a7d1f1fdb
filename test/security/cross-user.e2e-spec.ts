/**
 * Ids are not secrets: a UUID travels in mails, exports and browser histories. So every endpoint
 * that takes a goal or sheet id must itself refuse a user of another department (福祉部's heads
 * on 市民生活部's goals), naming the rule, and let the auditor read everything but write nothing.
 *
 * The routes come from the router; a route with an id that the table below does not describe fails
 * the first test, so whoever adds one decides here who may call it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredRoutes } from '../../apps/api/src/bootstrap';
import { departmentIdOf, personIdOf, sectionIdOf, seedPostIdOf } from '../../apps/api/src/organisation/directory-seed';
import { derivedUuid } from '@goals/event-store';
import { ApiResponse, AppHarness, startApp } from '../support/app-harness';
import { FIXTURE_PATH } from '../support/fixture-sheet';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

const DIRECTORY_FILE = join(__dirname, 'two-departments.directory.json');
const SHEET = SAMPLE_SHEET;
const GOAL = SAMPLE_GOAL;

interface Ids {
  sheetId: string;
  draft: string;
  submitted: string;
  approved: string;
  recorded: string;
  /** 代決: a delegation of 市民生活部, and the goal event its delegate decided (the 後閲 item's id). */
  delegationId: string;
  reviewId: string;
  /** 公表: a version of the sheet's 目標設定時 publication. */
  publicationId: string;
}

/** 市民課's 中間報告 in the sheet's first window. */
const shiminReport = (sheetId: string) =>
  `/sheets/${sheetId}/mid-year-windows/1/reports/${sectionIdOf('市民生活部', '市民課')}`;

interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteCase {
  kind: 'read' | 'write';
  /** One or more requests: reads with time travel or a query id are separate ways in. */
  requests(ids: Ids): Request[];
}

/** Keyed by the route as the router holds it, without the /api/v1 prefix. */
const ROUTES_WITH_IDS: Record<string, RouteCase> = {
  'GET /sheets/:sheetId': {
    kind: 'read',
    requests: ({ sheetId }) => [
      { path: `/sheets/${sheetId}` },
      { path: `/sheets/${sheetId}?asOf=${encodeURIComponent(new Date().toISOString())}` },
      { path: `/sheets/${sheetId}?atPosition=100000` },
    ],
  },
  'GET /sheets/:sheetId/export': {
    kind: 'read',
    requests: ({ sheetId }) =>
      ['tsv', 'csv', 'xlsx'].map((format) => ({ path: `/sheets/${sheetId}/export?format=${format}` })),
  },
  'GET /goals/:goalId': { kind: 'read', requests: ({ approved }) => [{ path: `/goals/${approved}` }] },
  'GET /goals/:goalId/history': { kind: 'read', requests: ({ approved }) => [{ path: `/goals/${approved}/history` }] },
  'POST /sheets/:sheetId/goals': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/goals`, body: GOAL }],
  },
  'POST /sheets/:sheetId/order': {
    kind: 'write',
    requests: (ids) => [
      {
        path: `/sheets/${ids.sheetId}/order`,
        body: { goalIds: [ids.recorded, ids.approved, ids.draft, ids.submitted] },
      },
    ],
  },
  // The right revision is sent: the refusal must come from who is asking, not from a stale If-Match.
  'PATCH /goals/:goalId': {
    kind: 'write',
    requests: ({ draft }) => [
      { path: `/goals/${draft}`, body: { title: '別部署による書換え' }, headers: { 'if-match': '"0"' } },
    ],
  },
  'POST /goals/:goalId/submit': { kind: 'write', requests: ({ draft }) => [{ path: `/goals/${draft}/submit` }] },
  'POST /goals/:goalId/withdraw': {
    kind: 'write',
    requests: ({ submitted }) => [{ path: `/goals/${submitted}/withdraw` }],
  },
  'POST /goals/:goalId/approve': {
    kind: 'write',
    requests: ({ submitted }) => [{ path: `/goals/${submitted}/approve`, body: { comment: '了承' } }],
  },
  'POST /goals/:goalId/return': {
    kind: 'write',
    requests: ({ submitted }) => [{ path: `/goals/${submitted}/return`, body: { reason: '再検討を' } }],
  },
  'POST /goals/:goalId/amend': {
    kind: 'write',
    requests: ({ approved }) => [
      {
        path: `/goals/${approved}/amend`,
        body: { deadlineMonth: 3, reason: '納期の変更' },
        headers: { 'if-match': '"2"' },
      },
    ],
  },
  'POST /goals/:goalId/achievement': {
    kind: 'write',
    requests: ({ approved }) => [{ path: `/goals/${approved}/achievement`, body: { level: '高度に達成した' } }],
  },
  'POST /goals/:goalId/achievement/confirm': {
    kind: 'write',
    requests: ({ recorded }) => [{ path: `/goals/${recorded}/achievement/confirm` }],
  },
  'POST /goals/:goalId/delete': {
    kind: 'write',
    requests: ({ draft }) => [
      { path: `/goals/${draft}/delete`, body: { reason: '別部署による削除' }, headers: { 'if-match': '"0"' } },
    ],
  },
  // The year of a sheet: its 中間報告 windows and reports, its close and 再開.
  'GET /sheets/:sheetId/year': { kind: 'read', requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/year` }] },
  'POST /sheets/:sheetId/mid-year-windows': {
    kind: 'write',
    requests: ({ sheetId }) => [
      { path: `/sheets/${sheetId}/mid-year-windows`, body: { opensOn: '2022-09-01', closesOn: '2022-10-14' } },
    ],
  },
  'PUT /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `${shiminReport(sheetId)}`, body: { entries: [] } }],
  },
  'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/submit': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `${shiminReport(sheetId)}/submit`, body: { entries: [] } }],
  },
  'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/return': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `${shiminReport(sheetId)}/return`, body: { reason: '再検討を' } }],
  },
  'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/confirm': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `${shiminReport(sheetId)}/confirm` }],
  },
  'POST /sheets/:sheetId/close': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/close`, body: {} }],
  },
  'POST /sheets/:sheetId/reopen': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/reopen`, body: { reason: '訂正のため' } }],
  },
  // 次年度への引継ぎ: the candidates are read like the sheet; carrying and 継続 are the department's heads'.
  'GET /sheets/:sheetId/carry-over': {
    kind: 'read',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/carry-over` }],
  },
  'POST /sheets/:sheetId/carry-over': {
    kind: 'write',
    requests: ({ sheetId, approved }) => [
      { path: `/sheets/${sheetId}/carry-over`, body: { goals: [{ goalId: approved }] } },
    ],
  },
  'PUT /goals/:goalId/continuing': {
    kind: 'write',
    requests: ({ approved }) => [{ path: `/goals/${approved}/continuing`, body: { continuing: true } }],
  },
  // 公表: the preview, the versions and their comparison are the department's and the auditor's until published.
  // The preview is the 部長's step before publishing (the decider runs it): refused to all others, the auditor too.
  'GET /sheets/:sheetId/publications/preview': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/publications/preview?kind=setting` }],
  },
  'POST /sheets/:sheetId/publications': {
    kind: 'write',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/publications`, body: { kind: 'setting' } }],
  },
  'GET /sheets/:sheetId/publications': {
    kind: 'read',
    requests: ({ sheetId }) => [{ path: `/sheets/${sheetId}/publications` }],
  },
  'GET /sheets/:sheetId/publications/compare': {
    kind: 'read',
    requests: ({ sheetId, publicationId: p }) => [
      { path: `/sheets/${sheetId}/publications/compare?from=${p}&to=${p}` },
    ],
  },
  // A person's record: only an administrator corrects it.
  'POST /admin/people/:personId/login-id': {
    kind: 'write',
    requests: () => [
      { path: `/admin/people/${personIdOf('kacho-shimin')}/login-id`, body: { loginId: 'shimin', reason: '統一' } },
    ],
  },
  'POST /admin/people/:personId/merge': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/people/${personIdOf('kacho-shimin')}/merge`,
        body: { intoPersonId: personIdOf('kacho-keizai'), reason: '二重登録' },
      },
    ],
  },
  // The directory's ids: only an administrator changes what they name.
  'POST /admin/departments/:departmentId/sections': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/departments/${departmentIdOf('市民生活部')}/sections`,
        body: { name: '窓口課', effectiveFrom: '2023-04-01' },
      },
    ],
  },
  'POST /admin/sections/:sectionId/rename': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/sections/${sectionIdOf('市民生活部', '市民課')}/rename`,
        body: { name: '窓口課', effectiveFrom: '2023-04-01' },
      },
    ],
  },
  'POST /admin/posts/:postId/end': {
    kind: 'write',
    requests: () => [{ path: `/admin/posts/${seedPostIdOf('kacho-shimin')}/end`, body: { until: '2023-03-31' } }],
  },
  // 機構改革: valid requests an administrator could send, so only who asks decides the refusal.
  'POST /admin/departments/:departmentId/rename': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/departments/${departmentIdOf('市民生活部')}/rename`,
        body: { name: '市民協働部', effectiveFrom: '2024-04-01', reason: '機構改革' },
      },
    ],
  },
  'POST /admin/departments/:departmentId/abolish': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/departments/${departmentIdOf('福祉部')}/abolish`,
        body: { effectiveFrom: '2024-04-01', reason: '機構改革', sectionsMoveTo: departmentIdOf('市民生活部') },
      },
    ],
  },
  'POST /admin/sections/:sectionId/move': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/sections/${sectionIdOf('市民生活部', '経済課')}/move`,
        body: { departmentId: departmentIdOf('福祉部'), effectiveFrom: '2024-04-01', reason: '機構改革' },
      },
    ],
  },
  'POST /admin/sections/:sectionId/split': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/sections/${sectionIdOf('市民生活部', '経済課')}/split`,
        body: { into: [{ name: '商工課' }, { name: '観光課' }], effectiveFrom: '2024-04-01', reason: '機構改革' },
      },
    ],
  },
  'POST /admin/sections/:sectionId/abolish': {
    kind: 'write',
    requests: () => [
      {
        path: `/admin/sections/${sectionIdOf('市民生活部', '経済課')}/abolish`,
        body: { effectiveFrom: '2024-04-01', reason: '機構改革' },
      },
    ],
  },
};
const ADMIN_ONLY = {
  'POST /admin/people/:personId/login-id': 'admins-only',
  'POST /admin/people/:personId/merge': 'admins-only',
  'POST /admin/departments/:departmentId/sections': 'admins-only',
  'POST /admin/sections/:sectionId/rename': 'admins-only',
  'POST /admin/posts/:postId/end': 'admins-only',
  'POST /admin/departments/:departmentId/rename': 'admins-only',
  'POST /admin/departments/:departmentId/abolish': 'admins-only',
  'POST /admin/sections/:sectionId/move': 'admins-only',
  'POST /admin/sections/:sectionId/split': 'admins-only',
  'POST /admin/sections/:sectionId/abolish': 'admins-only',
};

/**
 * The organisation is no secret among the city's staff: every signed-in role reads a section's
 * lineage, whichever department it belongs to.
 */
const ORGANISATION_READS_WITH_IDS: Record<string, RouteCase> = {
  'GET /organisation/sections/:sectionId/lineage': {
    kind: 'read',
    requests: () => [
      { path: `/organisation/sections/${sectionIdOf('市民生活部', '市民課')}/lineage` },
      { path: `/organisation/sections/${sectionIdOf('市民生活部', '市民課')}/lineage?fiscalYear=2023` },
    ],
  },
};

/**
 * 代決 is the head's own: another department's head does not find the delegation in their own department
 * (404), and no one but 市民生活部's head acknowledges a decision taken for them.
 */
const HEAD_ROUTES_WITH_IDS: Record<string, RouteCase & { foreign: Record<string, number> }> = {
  'POST /delegations/:delegationId/revoke': {
    kind: 'write',
    requests: ({ delegationId }) => [{ path: `/delegations/${delegationId}/revoke` }],
    foreign: { 'fukushi-kacho': 403, 'fukushi-bucho': 404 },
  },
  'POST /inbox/reviews/:reviewId/acknowledge': {
    kind: 'write',
    requests: ({ reviewId }) => [{ path: `/inbox/reviews/${reviewId}/acknowledge` }],
    foreign: { 'fukushi-kacho': 403, 'fukushi-bucho': 403 },
  },
};

/** People's accounts are an administrator's: everyone else is refused whatever login id they name. */
const ADMIN_ROUTES_WITH_IDS: Record<string, RouteCase> = {
  'POST /admin/accounts/:loginId/set-password-link': {
    kind: 'write',
    requests: () => [{ path: '/admin/accounts/kacho-shimin/set-password-link' }],
  },
  'GET /admin/accounts/:loginId/sessions': {
    kind: 'read',
    requests: () => [{ path: '/admin/accounts/kacho-shimin/sessions' }],
  },
  'DELETE /admin/accounts/:loginId/sessions/:handle': {
    kind: 'write',
    requests: () => [{ path: '/admin/accounts/kacho-shimin/sessions/abc' }],
  },
  'DELETE /admin/accounts/:loginId/sessions': {
    kind: 'write',
    requests: () => [{ path: '/admin/accounts/kacho-shimin/sessions' }],
  },
  // 達成度の区分 is the city's rule for every department: an administrator sets it, a valid scale is sent.
  'PUT /achievement-scales/:fiscalYear': {
    kind: 'write',
    requests: () => [
      {
        path: '/achievement-scales/2030',
        body: { levels: ['A 達成', 'B 一部達成', 'C 未達成'], achievedLevels: 1, reason: '市の要綱' },
      },
    ],
  },
};

/** A year's 達成度の区分 is read by everyone who rates or reads ratings, whichever department. */
const SCALE_READS_WITH_IDS: Record<string, RouteCase> = {
  'GET /achievement-scales/:fiscalYear': {
    kind: 'read',
    requests: () => [{ path: '/achievement-scales/2030' }],
  },
};

/** A person's own sign-in (their sessions, their password): everyone, the auditor included, manages their own. */
const OWN_ACCOUNT_ROUTES = ['DELETE /me/sessions/:handle', 'POST /me/password'];

/** The auditor's own work, writing nothing to the store: a full re-verification, started and cancelled. */
const AUDITOR_ACTIONS = ['POST /audit/verify/full', 'DELETE /audit/verify/full'];

/** Routes without an id in the path that still take one: the audit trail of a goal or a sheet. */
const QUERY_IDS: RouteCase = {
  kind: 'read',
  requests: ({ sheetId, approved }) => [
    { path: `/audit/trail?goalId=${approved}` },
    { path: `/audit/trail?sheetId=${sheetId}` },
  ],
};

/** Writes that take no id: the auditor must be refused on them too. */
const WRITES_WITHOUT_IDS: Record<string, (fixture: string) => Request & { contentType?: string }> = {
  'POST /sheets': () => ({ path: '/sheets', body: { ...SHEET, fiscalYear: 2024 } }),
  'POST /delegations': () => ({
    path: '/delegations',
    body: { delegate: 'kacho-shimin', from: '2099-04-01', until: '2099-04-02' },
  }),
  'POST /sheets/import': (fixture) => ({
    path: '/sheets/import',
    body: fixture,
    contentType: 'text/tab-separated-values',
  }),
  'POST /admin/read-models/rebuild': () => ({ path: '/admin/read-models/rebuild' }),
  'POST /admin/reminders/retry': () => ({ path: '/admin/reminders/retry', body: {} }),
  'POST /admin/reminders/rebuild': () => ({ path: '/admin/reminders/rebuild' }),
  'POST /admin/departments': () => ({
    path: '/admin/departments',
    body: { name: '総務部', effectiveFrom: '2023-04-01' },
  }),
  'POST /admin/people': () => ({ path: '/admin/people', body: { name: '山田花子', loginId: 'yamada-h' } }),
  'POST /admin/posts': () => ({
    path: '/admin/posts',
    body: { personId: derivedUuid('person', 'kansa'), kind: 'admin', from: '2023-04-01' },
  }),
  'POST /admin/sections/merge': () => ({
    path: '/admin/sections/merge',
    body: {
      sectionIds: [sectionIdOf('市民生活部', '市民課'), sectionIdOf('市民生活部', '経済課')],
      into: { name: '市民経済課' },
      effectiveFrom: '2024-04-01',
      reason: '機構改革',
      endPosts: true,
    },
  }),
  'POST /admin/plan': () => ({
    path: '/admin/plan',
    body: { validFrom: '2023-04-01', entries: [{ id: '1', name: '安全・安心に暮らせるまち' }] },
  }),
  'POST /admin/plan/file': () => ({
    path: '/admin/plan/file?validFrom=2023-04-01',
    body: 'ID,名称,親ID\r\n1,安全・安心に暮らせるまち,\r\n',
    contentType: 'text/csv',
  }),
  'POST /admin/roster': () => ({
    path: '/admin/roster',
    body: '職員番号,氏名,メール,所属部,所属課,職,発令日\r\n1001,山田花子,,市民生活部,市民課,課長,2023-04-01\r\n',
    contentType: 'text/csv',
  }),
};

/** A section head of 福祉部 meets the sheet rule before the department one when ordering a sheet. */
const FOREIGN_RULE: Record<string, Record<string, string>> = {
  'fukushi-kacho': {
    'POST /sheets/:sheetId/order': 'department-head-keeps-sheet',
    'POST /sheets/:sheetId/mid-year-windows': 'department-head-keeps-sheet',
    'POST /sheets/:sheetId/close': 'department-head-keeps-sheet',
    'POST /sheets/:sheetId/reopen': 'department-head-keeps-sheet',
    'POST /sheets/:sheetId/publications': 'department-head-keeps-sheet',
    'GET /sheets/:sheetId/publications/preview': 'department-head-keeps-sheet',
    'PUT /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId': 'own-section',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/submit': 'own-section',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/return': 'department-head-decides',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/confirm': 'department-head-decides',
    ...ADMIN_ONLY,
  },
  // A 中間報告 is its 課長's to write and its own 部長's to decide.
  'fukushi-bucho': {
    'PUT /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId': 'own-section',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/submit': 'own-section',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/return': 'department-head-decides',
    'POST /sheets/:sheetId/mid-year-windows/:window/reports/:sectionId/confirm': 'department-head-decides',
    ...ADMIN_ONLY,
  },
};

/** Events written on behalf of requests (the in-process reminders may add ReminderSent at any time). */
async function commandEvents(api: AppHarness): Promise<number> {
  return (await api.store.readAll()).filter((e) => e.type !== 'ReminderSent').length;
}

function outcome(r: ApiResponse) {
  return {
    status: r.status,
    problem: (r.headers.get('content-type') ?? '').startsWith('application/problem+json'),
    rule: r.body?.rule,
    names: typeof r.body?.detail === 'string' && r.body.detail.length > 0,
  };
}

describe('every endpoint with an id checks who is asking', () => {
  let api: AppHarness;
  const ids: Ids = {
    sheetId: '',
    draft: '',
    submitted: '',
    approved: '',
    recorded: '',
    delegationId: '',
    reviewId: '',
    publicationId: '',
  };
  const fixture = readFileSync(FIXTURE_PATH, 'utf8');

  const ok = async (response: Promise<ApiResponse>) => {
    const r = await response;
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const send = (user: string, method: string, request: Request & { contentType?: string }) =>
    typeof request.body === 'string'
      ? api.call(user, method, request.path, {
          rawBody: request.body,
          contentType: request.contentType,
          headers: request.headers,
        })
      : api.call(user, method, request.path, { body: request.body, headers: request.headers });

  beforeAll(async () => {
    api = await startApp({ DIRECTORY_FILE });
    ids.sheetId = (await ok(api.call('bucho', 'POST', '/sheets', { body: SHEET }))).sheetId;
    for (const state of ['draft', 'submitted', 'approved', 'recorded'] as const) {
      const goalId: string = (
        await ok(
          api.call('kacho-shimin', 'POST', `/sheets/${ids.sheetId}/goals`, {
            body: { ...GOAL, title: `${GOAL.title}（${state}）` },
          }),
        )
      ).goalId;
      ids[state] = goalId;
      if (state === 'draft') continue;
      await ok(api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`));
      if (state === 'submitted') continue;
      await ok(api.call('bucho', 'POST', `/goals/${goalId}/approve`));
      if (state === 'approved') continue;
      await ok(api.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, { body: { level: 'ほぼ達成した' } }));
    }
    // 代決: the head delegates to 経済課長 from today; the delegate approves a 市民課 goal in the head's stead
    // (never one they proposed, nor one of their own 課)
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const delegation = { delegate: 'kacho-keizai', from: today, until: '2099-03-31' };
    ids.delegationId = (await ok(api.call('bucho', 'POST', '/delegations', { body: delegation }))).delegationId;
    const delegated: string = (
      await ok(api.call('kacho-shimin', 'POST', `/sheets/${ids.sheetId}/goals`, { body: { ...GOAL, title: '代決' } }))
    ).goalId;
    await ok(api.call('kacho-shimin', 'POST', `/goals/${delegated}/submit`));
    await ok(api.call('kacho-keizai', 'POST', `/goals/${delegated}/approve`));
    for (let i = 0; i < 200 && !ids.reviewId; i++) {
      const inbox = await api.call('bucho', 'GET', '/inbox');
      ids.reviewId = inbox.body?.items?.find((item: { kind: string }) => item.kind === 'review')?.reviewId ?? '';
      if (!ids.reviewId) await new Promise((r) => setTimeout(r, 25));
    }
    // the read models follow the events: wait until the sheet shows all four goals
    for (let i = 0; i < 200; i++) {
      const sheet = await api.call('bucho', 'GET', `/sheets/${ids.sheetId}`);
      if (
        sheet.body?.rows?.length === 5 &&
        (await api.call('bucho', 'GET', `/goals/${ids.recorded}`)).body?.status === 'achievementRecorded'
      )
        break;
      await new Promise((r) => setTimeout(r, 25));
    }
    // a 中間報告 window, so its reports exist to be refused
    await ok(
      api.call('bucho', 'POST', `/sheets/${ids.sheetId}/mid-year-windows`, {
        body: { opensOn: '2022-09-01', closesOn: '2022-10-14' },
      }),
    );
    ids.publicationId = (
      await ok(api.call('bucho', 'POST', `/sheets/${ids.sheetId}/publications`, { body: { kind: 'setting' } }))
    ).publicationId;
  });
  afterAll(async () => api?.close());

  const routes = () =>
    registeredRoutes(api.app)
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      // The sign-in pages (/login, /auth/…, /set-password) are for people not signed in yet: test/security/sign-in.
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/^\/api\/v1/, '')}`);

  it('has an expectation for every route with an id in its path', () => {
    const withIds = routes().filter((r) => /\/:[A-Za-z]+/.test(r));
    expect(withIds.length).toBeGreaterThanOrEqual(Object.keys(ROUTES_WITH_IDS).length);
    const described = {
      ...ROUTES_WITH_IDS,
      ...ADMIN_ROUTES_WITH_IDS,
      ...HEAD_ROUTES_WITH_IDS,
      ...ORGANISATION_READS_WITH_IDS,
      ...SCALE_READS_WITH_IDS,
    };
    expect(withIds.filter((r) => !(r in described) && !OWN_ACCOUNT_ROUTES.includes(r))).toEqual([]);
    expect(Object.keys(described).filter((r) => !withIds.includes(r))).toEqual([]);
    expect(routes()).toContain('GET /audit/trail');
  });

  it.each(['fukushi-kacho', 'fukushi-bucho'])(
    '%s can neither read nor write 市民生活部 goals and sheets (403 naming the rule, nothing written)',
    async (user) => {
      const before = await commandEvents(api);
      const answers: Record<string, ReturnType<typeof outcome>> = {};
      const expected: Record<string, ReturnType<typeof outcome>> = {};
      for (const [route, c] of [...Object.entries(ROUTES_WITH_IDS), ['GET /audit/trail', QUERY_IDS] as const]) {
        const method = route.split(' ')[0];
        for (const request of c.requests(ids)) {
          const key = `${method} ${request.path}`;
          answers[key] = outcome(await send(user, method, request));
          expected[key] = {
            status: 403,
            problem: true,
            rule: FOREIGN_RULE[user][route] ?? 'own-department',
            names: true,
          };
        }
      }
      expect(answers).toEqual(expected);
      expect(await commandEvents(api)).toBe(before);
    },
  );

  it.each(['kacho-shimin', 'bucho', 'kansa'])(
    "refuses %s every administrator's account route (403 naming the rule, nothing written)",
    async (user) => {
      const before = await api.eventCount();
      const answers: Record<string, ReturnType<typeof outcome>> = {};
      const expected: Record<string, ReturnType<typeof outcome>> = {};
      for (const [route, c] of Object.entries(ADMIN_ROUTES_WITH_IDS)) {
        const method = route.split(' ')[0];
        for (const request of c.requests(ids)) {
          answers[route] = outcome(await send(user, method, request));
          expected[route] = {
            status: 403,
            problem: true,
            rule: user === 'kansa' && c.kind === 'write' ? 'auditor-read-only' : 'admins-only',
            names: true,
          };
        }
      }
      expect(answers).toEqual(expected);
      expect(await api.eventCount()).toBe(before);
    },
  );

  it.each(['fukushi-kacho', 'fukushi-bucho'])(
    '%s can neither revoke 市民生活部’s 代決 nor acknowledge its 後閲 (nothing written)',
    async (user) => {
      const before = await commandEvents(api);
      const answers: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [route, c] of Object.entries(HEAD_ROUTES_WITH_IDS)) {
        for (const request of c.requests(ids)) answers[route] = (await send(user, 'POST', request)).status;
        expected[route] = c.foreign[user];
      }
      expect(answers).toEqual(expected);
      expect(await commandEvents(api)).toBe(before);
    },
  );

  it.each(['fukushi-kacho', 'kansa', 'kacho-shimin'])("lets %s read any section's lineage", async (user) => {
    for (const c of Object.values(ORGANISATION_READS_WITH_IDS))
      for (const request of c.requests(ids)) {
        const r = await send(user, 'GET', request);
        expect([request.path, r.status, r.body.names?.[0]?.name]).toEqual([request.path, 200, '市民課']);
      }
  });

  it.each(['fukushi-kacho', 'kansa', 'kacho-shimin', 'bucho'])("lets %s read a year's 達成度の区分", async (user) => {
    for (const c of Object.values(SCALE_READS_WITH_IDS))
      for (const request of c.requests(ids)) {
        const r = await send(user, 'GET', request);
        expect([request.path, r.status, r.body.levels?.[0]]).toEqual([request.path, 200, '高度に達成した']);
      }
  });

  it('lists no sheet of another department, even when asked for it by name', async () => {
    const list = await api.call('fukushi-kacho', 'GET', `/sheets?department=${encodeURIComponent('市民生活部')}`);
    expect(
      list.status === 403 || (list.status === 200 && JSON.stringify(list.body).includes(ids.sheetId) === false),
    ).toBe(true);
    const inbox = await api.call('fukushi-bucho', 'GET', '/inbox');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).not.toContain(ids.submitted);
  });

  it('lets the auditor read every goal and sheet by id', async () => {
    const answers: Record<string, number> = {};
    for (const [route, c] of [...Object.entries(ROUTES_WITH_IDS), ['GET /audit/trail', QUERY_IDS] as const]) {
      if (c.kind !== 'read') continue;
      for (const request of c.requests(ids)) {
        // atPosition beyond the log is the sheet as it stands now
        answers[`${route.split(' ')[0]} ${request.path}`] = (await send('kansa', 'GET', request)).status;
      }
    }
    expect(Object.entries(answers).filter(([, status]) => status !== 200)).toEqual([]);
  });

  it('refuses the auditor every write, with and without an id: 403 auditor-read-only, nothing written', async () => {
    const before = await commandEvents(api);
    const writes = routes().filter(
      (r) => !r.startsWith('GET ') && !OWN_ACCOUNT_ROUTES.includes(r) && !AUDITOR_ACTIONS.includes(r),
    );
    const answers: Record<string, ReturnType<typeof outcome>> = {};
    for (const route of writes) {
      const method = route.split(' ')[0];
      const withId = ROUTES_WITH_IDS[route] ?? ADMIN_ROUTES_WITH_IDS[route] ?? HEAD_ROUTES_WITH_IDS[route];
      const requests = withId
        ? withId.requests(ids)
        : route in WRITES_WITHOUT_IDS
          ? [WRITES_WITHOUT_IDS[route](fixture)]
          : [];
      expect({ route, described: requests.length > 0 }).toEqual({ route, described: true });
      for (const request of requests) answers[route] = outcome(await send('kansa', method, request));
    }
    expect(answers).toEqual(
      Object.fromEntries(
        writes.map((r) => [r, { status: 403, problem: true, rule: 'auditor-read-only', names: true }]),
      ),
    );
    expect(await commandEvents(api)).toBe(before);
  });

  it('still lets 市民生活部 do what the others were refused (the refusals were about the user, not the request)', async () => {
    expect(
      (
        await api.call('kacho-shimin', 'PATCH', `/goals/${ids.draft}`, {
          body: { title: '転出・転入手続の完全ワンストップ化' },
          headers: { 'if-match': '"0"' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api.call('bucho', 'POST', `/goals/${ids.submitted}/return`, { body: { reason: '再検討を' } })).status,
    ).toBe(200);
    expect((await api.call('bucho', 'POST', `/goals/${ids.recorded}/achievement/confirm`)).status).toBe(200);
    expect((await api.call('bucho', 'GET', `/audit/trail?goalId=${ids.approved}`)).status).toBe(200);
  });
});
