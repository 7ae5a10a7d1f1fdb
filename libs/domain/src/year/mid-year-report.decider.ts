/**
 * A section's 中間報告 as a decider. Within a window the 課長 records, per approved goal of the
 * section, a 進捗状況 and a 進捗コメント, saves drafts and submits; the 部長 confirms or returns it with
 * a reason, like a goal. A returned report is edited and submitted again.
 *
 *   none/draft ──提出──▶ submitted ──確認──▶ confirmed
 *        ▲                  │
 *        └──差戻し(reason)───┘ (returned: editable again)
 */
import { Actor } from '../directory';
import { FieldError, IllegalTransition, InvalidInput, NotAllowed, NotFound } from '../errors';
import { formatWareki } from '../fiscal-year';
import { TEXT_LIMITS } from '../goal/goal-content';
import { MidYearReportEvent, MidYearWindow, Progress, PROGRESS_LEVELS, ProgressEntry } from './year.events';

export type MidYearReportStatus = 'draft' | 'submitted' | 'returned' | 'confirmed';

export interface MidYearReport {
  status: MidYearReportStatus;
  entries: ProgressEntry[];
  /** Why the 部長 last returned it, for the 課長 to read at the top of the form. */
  lastReturnReason?: string;
  late?: boolean;
}

/** The section's reports on one sheet, by window number. */
export type MidYearReportState = { reports: Record<number, MidYearReport> };

export function initialMidYearReportState(): MidYearReportState {
  return { reports: {} };
}

type Entries = { goalId: string; progress: string; comment?: string }[];
export type SaveMidYearReport = { type: 'SaveMidYearReport'; data: { entries: Entries }; by: Actor };
/** `entries` when given replace the draft first: 提出 straight from the form saves what is on it. */
export type SubmitMidYearReport = { type: 'SubmitMidYearReport'; data: { entries?: Entries }; by: Actor };
export type ReturnMidYearReport = { type: 'ReturnMidYearReport'; data: { reason: string }; by: Actor };
export type ConfirmMidYearReport = { type: 'ConfirmMidYearReport'; data: { comment?: string }; by: Actor };
export type MidYearReportCommand = SaveMidYearReport | SubmitMidYearReport | ReturnMidYearReport | ConfirmMidYearReport;

/**
 * What a report's commands are decided against, besides its own events: the window addressed (from
 * the year's stream), today in Asia/Tokyo, the section's approved goals on the sheet (by id, with
 * 番号), whether the year is closed, and the names refusals use.
 */
export interface MidYearReportContext {
  sheetId: string;
  windowNumber: number;
  window: MidYearWindow | undefined;
  today: string;
  departmentId: string;
  department: string;
  sectionId: string;
  section: string;
  approvedGoals: readonly { goalId: string; number: number }[];
  yearClosed: boolean;
  /** The refusal of a closed year, worded by the year's decider. */
  closedReason?: string;
}

const EDITABLE: readonly (MidYearReportStatus | 'none')[] = ['none', 'draft', 'returned'];
const STATUS_LABEL: Record<MidYearReportStatus | 'none', string> = {
  none: '未作成',
  draft: '下書き',
  submitted: '提出済み',
  returned: '差戻し',
  confirmed: '確認済み',
};
/** A delay needs its reason: the comment says why late and what comes next. */
const NEEDS_COMMENT: readonly Progress[] = ['やや遅れ', '遅れ'];

export function decideMidYearReport(
  command: MidYearReportCommand,
  state: MidYearReportState,
  context: MidYearReportContext,
): MidYearReportEvent[] {
  const { sheetId, windowNumber: window, sectionId } = context;
  const key = { sheetId, window, sectionId };
  if (!context.window) throw new NotFound('中間報告の期間', `第${window}回`);
  authorize(command, context);
  if (context.yearClosed)
    throw new IllegalTransition(command.type, 'closed', context.closedReason ?? '年度が締められています');
  const report = state.reports[window];
  const status = report?.status ?? 'none';
  switch (command.type) {
    case 'SaveMidYearReport':
    case 'SubmitMidYearReport': {
      if (context.today < context.window.opensOn)
        throw new IllegalTransition(
          command.type,
          'not-yet-open',
          `第${window}回の中間報告は${formatWareki(context.window.opensOn)}から入力できます`,
        );
      if (!EDITABLE.includes(status))
        throw new IllegalTransition(
          command.type,
          status,
          `${context.section}の第${window}回の中間報告は${STATUS_LABEL[status]}のため変更できません`,
        );
      const entries =
        command.data.entries !== undefined ? checkedEntries(command.data.entries, context) : (report?.entries ?? []);
      if (command.type === 'SaveMidYearReport') return [{ type: 'MidYearReportSaved', data: { ...key, entries } }];
      assertComplete(entries, context);
      const late = context.today > context.window.closesOn;
      return [{ type: 'MidYearReportSubmitted', data: { ...key, entries, late } }];
    }
    case 'ReturnMidYearReport': {
      if (status !== 'submitted')
        throw new IllegalTransition(
          command.type,
          status,
          `差戻しできるのは提出済みの中間報告です（現在: ${STATUS_LABEL[status]}）`,
        );
      const reason = command.data.reason;
      if (typeof reason !== 'string' || reason.trim() === '')
        throw InvalidInput.of('reason', '差戻しの理由を入力してください');
      if (reason.length > TEXT_LIMITS.reason)
        throw InvalidInput.of('reason', `理由は${TEXT_LIMITS.reason}文字以内で入力してください`);
      return [{ type: 'MidYearReportReturned', data: { ...key, reason } }];
    }
    case 'ConfirmMidYearReport': {
      if (status !== 'submitted')
        throw new IllegalTransition(
          command.type,
          status,
          `確認できるのは提出済みの中間報告です（現在: ${STATUS_LABEL[status]}）`,
        );
      const comment = command.data.comment;
      if (comment !== undefined && comment.length > TEXT_LIMITS.comment)
        throw InvalidInput.of('comment', `コメントは${TEXT_LIMITS.comment}文字以内で入力してください`);
      return [{ type: 'MidYearReportConfirmed', data: { ...key, ...(comment ? { comment } : {}) } }];
    }
  }
}

function checkedEntries(entries: Entries, context: MidYearReportContext): ProgressEntry[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out: ProgressEntry[] = [];
  entries.forEach(({ goalId, progress, comment }, i) => {
    const goal = context.approvedGoals.find((g) => g.goalId === goalId);
    if (!goal)
      errors.push({ field: `entries[${i}].goalId`, reason: `${context.section}の承認済みの目標ではありません` });
    else if (seen.has(goalId))
      errors.push({ field: `entries[${i}].goalId`, reason: `番号${goal.number}が重複しています` });
    if (!(PROGRESS_LEVELS as readonly string[]).includes(progress))
      errors.push({ field: `entries[${i}].progress`, reason: `進捗状況は${PROGRESS_LEVELS.join('・')}のいずれかです` });
    if (comment !== undefined && comment.length > TEXT_LIMITS.comment)
      errors.push({ field: `entries[${i}].comment`, reason: `進捗コメントは${TEXT_LIMITS.comment}文字以内です` });
    seen.add(goalId);
    out.push({ goalId, progress: progress as Progress, comment: comment ?? '' });
  });
  if (errors.length) throw new InvalidInput(errors);
  // In 番号 order, so the report reads like the sheet whatever order the form sent.
  const number = (id: string) => context.approvedGoals.find((g) => g.goalId === id)!.number;
  return out.sort((a, b) => number(a.goalId) - number(b.goalId));
}

/** 提出 covers every approved goal of the section, and says why for each delay. */
function assertComplete(entries: readonly ProgressEntry[], context: MidYearReportContext): void {
  const errors: FieldError[] = [];
  const missing = context.approvedGoals.filter((g) => !entries.some((e) => e.goalId === g.goalId));
  if (missing.length)
    errors.push({
      field: 'entries',
      reason: `番号${missing.map((g) => g.number).join('、')}の進捗状況が入力されていません`,
    });
  entries.forEach((e, i) => {
    if (NEEDS_COMMENT.includes(e.progress) && e.comment.trim() === '')
      errors.push({
        field: `entries[${i}].comment`,
        reason: `「${e.progress}」の理由と今後の見通しを進捗コメントに入力してください`,
      });
  });
  if (errors.length) throw new InvalidInput(errors);
}

function authorize(command: MidYearReportCommand, context: MidYearReportContext): void {
  const actor = command.by;
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', '監査は閲覧のみです');
  if (actor.role === 'admin') throw new NotAllowed('admin-directory-only', '管理者は組織の管理のみ行えます');
  const deciding = command.type === 'ReturnMidYearReport' || command.type === 'ConfirmMidYearReport';
  if (deciding) {
    if (actor.role !== 'departmentHead' || actor.post?.departmentId !== context.departmentId)
      throw new NotAllowed('department-head-decides', `中間報告の確認と差戻しは${context.department}長が行います`);
    return;
  }
  if (actor.role !== 'sectionHead' || !(actor.post?.sectionIds ?? []).includes(context.sectionId))
    throw new NotAllowed('own-section', `${context.section}の中間報告は${context.section}長が行います`);
}

export function evolveMidYearReport(state: MidYearReportState, event: MidYearReportEvent): MidYearReportState {
  const n = event.data.window;
  const report = state.reports[n] ?? { status: 'draft', entries: [] };
  const next = (r: MidYearReport) => ({ reports: { ...state.reports, [n]: r } });
  switch (event.type) {
    case 'MidYearReportSaved':
      // A returned report stays returned (its reason on top) until it is submitted again.
      return next({
        ...report,
        status: report.status === 'returned' ? 'returned' : 'draft',
        entries: event.data.entries,
      });
    case 'MidYearReportSubmitted':
      return next({ ...report, status: 'submitted', entries: event.data.entries, late: event.data.late });
    case 'MidYearReportReturned':
      return next({ ...report, status: 'returned', lastReturnReason: event.data.reason });
    case 'MidYearReportConfirmed':
      return next({ ...report, status: 'confirmed' });
  }
}

export function foldMidYearReport(events: readonly MidYearReportEvent[]): MidYearReportState {
  return events.reduce(evolveMidYearReport, initialMidYearReportState());
}
