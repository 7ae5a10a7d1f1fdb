import { Actor, Directory } from '../directory';
import { GoalCommand } from '../goal/goal.commands';
import { GoalContent } from '../goal/goal-content';
import { GoalEvent } from '../goal/goal.events';

export const directory: Directory = {
  departments: [
    {
      name: '市民生活部',
      headTitle: '市民生活部長',
      sections: ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課'],
    },
    { name: '福祉部', headTitle: '福祉部長', sections: ['障害福祉課'] },
  ],
  categories: ['行政改革', '施政方針', 'ビジョン', '個別計画', 'その他'],
  achievementScale: ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'],
  users: [],
};

export const actors = {
  shiminKacho: { userId: 'kacho-shimin', role: 'sectionHead', department: '市民生活部', sections: ['市民課'] },
  keizaiKacho: { userId: 'kacho-keizai', role: 'sectionHead', department: '市民生活部', sections: ['経済課'] },
  bunkaKacho: { userId: 'kacho-bunka', role: 'sectionHead', department: '市民生活部', sections: ['文化振興課'] },
  bucho: { userId: 'bucho', role: 'departmentHead', department: '市民生活部', sections: [] },
  otherBucho: { userId: 'fukushi-bucho', role: 'departmentHead', department: '福祉部', sections: [] },
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
  sections: ['市民課'],
};

export const sheet = { sheetId: 'sheet-r4', department: '市民生活部', fiscalYear: 2022 };
const goalId = 'goal-1';

export const events = {
  drafted: (content: GoalContent = goal1): GoalEvent => ({
    type: 'GoalDrafted',
    data: { goalId, sheetId: sheet.sheetId, department: sheet.department, fiscalYear: sheet.fiscalYear, ...content },
  }),
  revised: (changes: Partial<GoalContent>): GoalEvent => ({ type: 'GoalRevised', data: { goalId, changes } }),
  submitted: (): GoalEvent => ({ type: 'GoalSubmitted', data: { goalId } }),
  withdrawn: (): GoalEvent => ({ type: 'GoalWithdrawn', data: { goalId } }),
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
    case 'AmendGoal':
      return { type, by, data: { changes: { deadlineMonth: 3 }, reason: '改修スケジュールの変更' } };
    case 'RecordAchievement':
      return { type, by, data: { level: '高度に達成した' } };
    case 'ConfirmAchievement':
      return { type, by, data: {} };
  }
}
