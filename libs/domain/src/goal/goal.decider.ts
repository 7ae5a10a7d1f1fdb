/**
 * The goal's workflow as a decider: decide(command, state) → events, evolve(state, event) → state.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──record──▶ achievementRecorded ──confirm──▶ confirmed
 *     ▲                 │  │                    │
 *     └──return(reason)─┘  └─withdraw──▶ draft  └─amend: a change request that needs approval again;
 *                                                 the approved text stays in force until then.
 *
 * A returned goal is edited and resubmitted like a draft; it keeps the return's reason for its author.
 */
import { IllegalTransition, InvalidInput, NotFound } from '../errors';
import { authorizeGoalCommand, GoalOwnership } from '../permissions';
import { GoalCommand } from './goal.commands';
import {
  assertGoalContent,
  changedFields,
  GoalContent,
  GoalRules,
  requireReason,
  sectionNamesOf,
  TEXT_LIMITS,
} from './goal-content';
import { GoalEvent } from './goal.events';
import type { GoalStatus } from './goal-status';
import type { CarryOrigin } from '../year/carry-over.events';

export type { GoalStatus } from './goal-status';

export interface PendingAmendment {
  changes: Partial<GoalContent>;
  reason: string;
}

export interface ExistingGoal {
  status: GoalStatus;
  goalId: string;
  sheetId: string;
  departmentId: string;
  fiscalYear: number;
  /** The text in force: while an amendment is pending, still the approved text. */
  content: GoalContent;
  pendingAmendment?: PendingAmendment;
  /** Why the department head last returned it (the goal or an amendment), for its author. */
  lastReturnReason?: string;
  achievement?: { level: string; comment?: string };
  confirmedLevel?: string;
  /** 次年度への引継ぎ: the closed year's goal this one continues. */
  carriedFrom?: CarryOrigin;
}

export type GoalState = { status: 'none' } | ExistingGoal;

export function initialGoalState(): GoalState {
  return { status: 'none' };
}

const EDITABLE: readonly GoalStatus[] = ['draft', 'returned'];

/** `rules`: the vocabularies and the goal's department as of its fiscal year. */
export function decideGoal(command: GoalCommand, state: GoalState, rules: GoalRules): GoalEvent[] {
  // Refusals name the department and sections as the goal's year names them.
  const owned = (sections: readonly string[]): GoalOwnership => ({
    departmentId: rules.department.departmentId,
    sections,
    ...(rules.carriedBy ? { carriedBy: rules.carriedBy(sections) } : {}),
    names: { department: rules.department.name, sections: sectionNamesOf(sections, rules.department) },
  });
  if (command.type === 'DraftGoal') {
    const { goalId, sheet, content, carriedFrom } = command.data;
    if (state.status !== 'none')
      throw new IllegalTransition(
        command.type,
        describe(state),
        `goal ${goalId} already exists`,
        'この目標はもう作成されています',
      );
    assertGoalContent(content, rules);
    authorizeGoalCommand(command.by, carriedFrom ? 'CarryOverGoal' : command.type, owned(content.sections));
    // A draft without a 施策 says nothing of one ('' is how a later revision takes one away).
    const { measureId, ...columns } = content;
    return [
      {
        type: 'GoalDrafted',
        data: {
          goalId,
          sheetId: sheet.sheetId,
          departmentId: sheet.departmentId,
          fiscalYear: sheet.fiscalYear,
          ...columns,
          ...(measureId ? { measureId } : {}),
          ...(carriedFrom ? { carriedFrom } : {}),
        },
      },
    ];
  }
  if (state.status === 'none') throw new NotFound('goal', '(unknown)', 'この目標は見つかりません');
  authorizeGoalCommand(
    command.by,
    command.type,
    { ...owned(state.content.sections), departmentId: state.departmentId, proposedBy: command.proposedBy },
    command.actingFor,
  );
  const goalId = state.goalId;
  const refuse = (message?: string, ja?: string): never => {
    throw new IllegalTransition(command.type, describe(state), message, ja);
  };

  switch (command.type) {
    case 'ReviseGoal': {
      if (!EDITABLE.includes(state.status)) refuse();
      assertGoalContent(command.data.changes, rules);
      // Revising a shared goal must not take it away from the one revising it.
      if (command.data.changes.sections)
        authorizeGoalCommand(command.by, command.type, {
          ...owned(command.data.changes.sections),
          departmentId: state.departmentId,
        });
      const changes = changedFields(state.content, command.data.changes);
      return Object.keys(changes).length ? [{ type: 'GoalRevised', data: { goalId, changes } }] : [];
    }
    case 'SubmitGoal':
      if (!EDITABLE.includes(state.status)) refuse();
      return [{ type: 'GoalSubmitted', data: { goalId } }];
    case 'WithdrawGoal':
      if (state.status === 'submitted') return [{ type: 'GoalWithdrawn', data: { goalId } }];
      if (state.status === 'approved' && state.pendingAmendment)
        return [{ type: 'GoalAmendmentWithdrawn', data: { goalId } }];
      return refuse();
    case 'DeleteGoal': {
      // Only a 下書き: once submitted, the 部長 has seen it and it is withdrawn or returned instead.
      const reason = requireReason('reason', command.data.reason);
      if (state.status !== 'draft') refuse();
      return [{ type: 'GoalDeleted', data: { goalId, sheetId: state.sheetId, reason } }];
    }
    case 'ApproveGoal': {
      const comment = optionalText('comment', command.data.comment);
      if (state.status === 'submitted') return [{ type: 'GoalApproved', data: { goalId, ...comment } }];
      if (state.status === 'approved' && state.pendingAmendment)
        return [
          { type: 'GoalAmendmentApproved', data: { goalId, changes: state.pendingAmendment.changes, ...comment } },
        ];
      return refuse();
    }
    case 'ReturnGoal': {
      const reason = requireReason('reason', command.data.reason);
      if (state.status === 'submitted') return [{ type: 'GoalReturned', data: { goalId, reason } }];
      if (state.status === 'approved' && state.pendingAmendment)
        return [{ type: 'GoalAmendmentReturned', data: { goalId, reason } }];
      return refuse();
    }
    case 'AmendGoal': {
      const reason = requireReason('reason', command.data.reason);
      if (state.status !== 'approved') refuse();
      if (state.pendingAmendment)
        refuse(
          'an amendment is already waiting for approval',
          '変更申請がすでに承認を待っています。その結果が出てから申請してください',
        );
      assertGoalContent(command.data.changes, rules);
      if (command.data.changes.sections)
        authorizeGoalCommand(command.by, command.type, {
          ...owned(command.data.changes.sections),
          departmentId: state.departmentId,
        });
      const changes = changedFields(state.content, command.data.changes);
      if (!Object.keys(changes).length)
        throw InvalidInput.of(
          'changes',
          'the amendment changes nothing',
          '変更申請の内容が今の目標と同じです。変える欄を書き換えてください',
        );
      return [{ type: 'GoalAmendmentRequested', data: { goalId, changes, reason } }];
    }
    case 'RecordAchievement': {
      const level = scaleLevel(command.data.level, rules);
      const comment = optionalText('comment', command.data.comment);
      if (state.status !== 'approved' && state.status !== 'achievementRecorded') refuse();
      if (state.pendingAmendment)
        refuse(
          'an amendment is waiting for approval; decide it before rating the goal',
          '変更申請が承認を待っています。部長が決めてから実績を登録してください',
        );
      return [{ type: 'AchievementRecorded', data: { goalId, level, ...comment } }];
    }
    case 'ConfirmAchievement': {
      if (state.status !== 'achievementRecorded') refuse();
      const recorded = state.achievement!.level;
      const level = command.data.level === undefined ? recorded : scaleLevel(command.data.level, rules);
      return [{ type: 'AchievementConfirmed', data: { goalId, level, recordedLevel: recorded } }];
    }
  }
}

export function evolveGoal(state: GoalState, event: GoalEvent): GoalState {
  if (event.type === 'GoalDrafted') {
    const {
      goalId,
      sheetId,
      departmentId,
      fiscalYear,
      title,
      category,
      targetLevel,
      method,
      deadlineMonth,
      sections,
      measureId,
    } = event.data;
    return {
      status: 'draft',
      goalId,
      sheetId,
      departmentId,
      fiscalYear,
      content: { title, category, targetLevel, method, deadlineMonth, sections, ...(measureId ? { measureId } : {}) },
      ...(event.data.carriedFrom ? { carriedFrom: event.data.carriedFrom } : {}),
    };
  }
  if (state.status === 'none') return state; // a goal's stream always starts with GoalDrafted
  switch (event.type) {
    case 'GoalRevised':
      return { ...state, content: { ...state.content, ...event.data.changes } };
    case 'GoalSubmitted':
      return { ...state, status: 'submitted' };
    case 'GoalWithdrawn':
      return { ...state, status: 'draft' };
    case 'GoalDeleted':
      return { ...state, status: 'deleted' };
    case 'GoalApproved':
      return { ...state, status: 'approved', lastReturnReason: undefined };
    case 'GoalReturned':
      return { ...state, status: 'returned', lastReturnReason: event.data.reason };
    case 'GoalAmendmentRequested':
      return { ...state, pendingAmendment: { changes: event.data.changes, reason: event.data.reason } };
    case 'GoalAmendmentWithdrawn':
      return { ...state, pendingAmendment: undefined };
    case 'GoalAmendmentApproved':
      return {
        ...state,
        content: { ...state.content, ...event.data.changes },
        pendingAmendment: undefined,
        lastReturnReason: undefined,
      };
    case 'GoalAmendmentReturned':
      return { ...state, pendingAmendment: undefined, lastReturnReason: event.data.reason };
    case 'AchievementRecorded':
      return {
        ...state,
        status: 'achievementRecorded',
        achievement: { level: event.data.level, comment: event.data.comment },
      };
    case 'AchievementConfirmed':
      return { ...state, status: 'confirmed', confirmedLevel: event.data.level };
    case 'ReminderSent':
      return state; // a record of a notification, not a change to the goal
  }
}

export function foldGoal(events: readonly GoalEvent[]): GoalState {
  return events.reduce(evolveGoal, initialGoalState());
}

/** The state as a person would say it, for 409 messages. */
export function describe(state: GoalState): string {
  if (state.status === 'approved' && state.pendingAmendment) return 'approved (amendment pending)';
  return state.status;
}

function scaleLevel(level: string | undefined, rules: GoalRules): string {
  if (typeof level !== 'string' || !rules.achievementScale.includes(level))
    throw InvalidInput.of(
      'level',
      `must be one of ${rules.achievementScale.join(', ')}`,
      `達成度を選んでください（${rules.achievementScale.join('、')}）`,
    );
  return level;
}

function optionalText(field: 'comment', value: string | undefined): { comment?: string } {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'string') throw InvalidInput.of(field, 'must be text', 'コメントは文字で入力してください');
  if (value.length > TEXT_LIMITS.comment)
    throw InvalidInput.of(
      field,
      `must be at most ${TEXT_LIMITS.comment} characters`,
      `コメントは${TEXT_LIMITS.comment.toLocaleString('ja-JP')}字以内で入力してください（現在${value.length.toLocaleString('ja-JP')}字）`,
    );
  return { [field]: value };
}
