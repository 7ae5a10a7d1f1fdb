import { Actor, COMMON_SECTION, DEFAULT_ACHIEVEMENT_SCALE, DEFAULT_CATEGORIES } from '../directory';
import { GoalCommand } from '../goal/goal.commands';
import { GoalContent, GoalRules } from '../goal/goal-content';
import { GoalEvent } from '../goal/goal.events';
import { departmentIn, foldOrganisation, OrganisationState } from '../organisation/organisation';
import { OrganisationEvent } from '../organisation/organisation.events';

/** Ids that are plainly not names, so a test mixing the two fails. */
export const departmentIds = { 市民生活部: 'dep-0001', 福祉部: 'dep-0002' } as const;
const SECTION_IDS: Record<string, string> = {
  市民課: 'sec-0001',
  経済課: 'sec-0002',
  協働コミュニティ課: 'sec-0003',
  文化振興課: 'sec-0004',
  人権平和課: 'sec-0005',
  スポーツ振興課: 'sec-0006',
  障害福祉課: 'sec-0101',
};

/** The ids of sections by their names (共通 as it is; a name no section has stays a name, unknown as an id). */
export function sectionIds(...names: string[]): string[] {
  return names.map((n) => (n === COMMON_SECTION ? n : (SECTION_IDS[n] ?? n)));
}

const established = (departmentId: string, name: string, sections: string[]): OrganisationEvent[] => [
  { type: 'DepartmentEstablished', data: { departmentId, name, headTitle: `${name}長`, effectiveFrom: '2019-04-01' } },
  ...sections.map((s): OrganisationEvent => ({
    type: 'SectionEstablished',
    data: { sectionId: SECTION_IDS[s], departmentId, name: s, effectiveFrom: '2019-04-01' },
  })),
];

/** The organisation of the 令和4年度 sheet, and 福祉部 beside it. */
export const organisation: OrganisationState = foldOrganisation([
  ...established(departmentIds.市民生活部, '市民生活部', [
    '市民課',
    '経済課',
    '協働コミュニティ課',
    '文化振興課',
    '人権平和課',
    'スポーツ振興課',
  ]),
  ...established(departmentIds.福祉部, '福祉部', ['障害福祉課']),
]);

/** The rules of a 市民生活部 goal of 令和4年度. */
export const rules: GoalRules = {
  categories: DEFAULT_CATEGORIES,
  achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
  department: departmentIn(organisation, departmentIds.市民生活部, 2022)!,
};

const sectionHead = (userId: string, section: string): Actor => ({
  userId,
  role: 'sectionHead',
  department: '市民生活部',
  sections: [section],
  post: {
    kind: 'sectionHead',
    title: `${section}長`,
    departmentId: departmentIds.市民生活部,
    sectionIds: sectionIds(section),
  },
});
const departmentHead = (userId: string, department: '市民生活部' | '福祉部'): Actor => ({
  userId,
  role: 'departmentHead',
  department,
  sections: [],
  post: { kind: 'departmentHead', title: `${department}長`, departmentId: departmentIds[department] },
});

export const actors = {
  shiminKacho: sectionHead('kacho-shimin', '市民課'),
  keizaiKacho: sectionHead('kacho-keizai', '経済課'),
  bunkaKacho: sectionHead('kacho-bunka', '文化振興課'),
  bucho: departmentHead('bucho', '市民生活部'),
  otherBucho: departmentHead('fukushi-bucho', '福祉部'),
  auditor: { userId: 'kansa', role: 'auditor', sections: [] },
  admin: { userId: 'admin', role: 'admin', sections: [] },
} satisfies Record<string, Actor>;

/** Goal 1 of the 令和4年度 sheet. */
export const goal1: GoalContent = {
  title: '転出・転入手続のワンストップ化の実現',
  category: '行政改革',
  targetLevel: '個人番号カード所持者が、マイナポータルからオンラインで転出届・転入予約を行い…',
  method: '職員が制度を理解し、システム会社と連携して住民基本台帳システムの改修を行う。',
  deadlineMonth: 2,
  sections: sectionIds('市民課'),
};

export const sheet = { sheetId: 'sheet-r4', departmentId: departmentIds.市民生活部, fiscalYear: 2022 };
const goalId = 'goal-1';

export const events = {
  drafted: (content: GoalContent = goal1): GoalEvent => ({
    type: 'GoalDrafted',
    data: {
      goalId,
      sheetId: sheet.sheetId,
      departmentId: sheet.departmentId,
      fiscalYear: sheet.fiscalYear,
      ...content,
    },
  }),
  revised: (changes: Partial<GoalContent>): GoalEvent => ({ type: 'GoalRevised', data: { goalId, changes } }),
  submitted: (): GoalEvent => ({ type: 'GoalSubmitted', data: { goalId } }),
  withdrawn: (): GoalEvent => ({ type: 'GoalWithdrawn', data: { goalId } }),
  deleted: (reason = '二重に作成したため'): GoalEvent => ({
    type: 'GoalDeleted',
    data: { goalId, sheetId: sheet.sheetId, reason },
  }),
  approved: (): GoalEvent => ({ type: 'GoalApproved', data: { goalId } }),
  returned: (reason = '達成水準を具体的に'): GoalEvent => ({ type: 'GoalReturned', data: { goalId, reason } }),
  amendmentRequested: (
    changes: Partial<GoalContent> = { deadlineMonth: 3 },
    reason = 'システム改修の遅れ',
  ): GoalEvent => ({
    type: 'GoalAmendmentRequested',
    data: { goalId, changes, reason },
  }),
  achievementRecorded: (level = 'ほぼ達成した'): GoalEvent => ({
    type: 'AchievementRecorded',
    data: { goalId, level },
  }),
  confirmed: (level = 'ほぼ達成した'): GoalEvent => ({
    type: 'AchievementConfirmed',
    data: { goalId, level, recordedLevel: level },
  }),
};

/** The goal's history up to each state, for tables of tests. */
export const histories: Record<string, GoalEvent[]> = {
  draft: [events.drafted()],
  deleted: [events.drafted(), events.deleted()],
  submitted: [events.drafted(), events.submitted()],
  returned: [events.drafted(), events.submitted(), events.returned()],
  approved: [events.drafted(), events.submitted(), events.approved()],
  'approved (amendment pending)': [
    events.drafted(),
    events.submitted(),
    events.approved(),
    events.amendmentRequested(),
  ],
  achievementRecorded: [events.drafted(), events.submitted(), events.approved(), events.achievementRecorded()],
  confirmed: [
    events.drafted(),
    events.submitted(),
    events.approved(),
    events.achievementRecorded(),
    events.confirmed(),
  ],
};

/** A valid instance of each command, given by `by`. */
export function commandOf(type: GoalCommand['type'], by: Actor, content: GoalContent = goal1): GoalCommand {
  switch (type) {
    case 'DraftGoal':
      return { type, by, data: { goalId, sheet, content } };
    case 'ReviseGoal':
      return { type, by, data: { changes: { title: `${content.title}（改訂）` } } };
    case 'SubmitGoal':
    case 'WithdrawGoal':
      return { type, by, data: {} };
    case 'ApproveGoal':
      return { type, by, data: {} };
    case 'ReturnGoal':
      return { type, by, data: { reason: '方法を具体的に' } };
    case 'DeleteGoal':
      return { type, by, data: { reason: '二重に作成したため' } };
    case 'AmendGoal':
      return { type, by, data: { changes: { deadlineMonth: 3 }, reason: '改修スケジュールの変更' } };
    case 'RecordAchievement':
      return { type, by, data: { level: '高度に達成した' } };
    case 'ConfirmAchievement':
      return { type, by, data: {} };
  }
}
