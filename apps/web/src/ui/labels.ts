import type { GoalContent, GoalStatus } from '../api/views';

export const STATUS_LABEL: Record<GoalStatus, string> = {
  draft: '下書き',
  submitted: '提出中',
  returned: '差戻し',
  approved: '承認済',
  achievementRecorded: '実績登録済',
  confirmed: '確定',
  deleted: '削除',
};

/** 変更申請中 is an approved goal with a change waiting for the 部長. */
export function statusLabel(status: GoalStatus, pendingAmendment?: unknown): string {
  return status === 'approved' && pendingAmendment ? '変更申請中' : STATUS_LABEL[status];
}

/** The sheet's column headings, which are also the form's labels. */
export const FIELD_LABEL: Record<
  | keyof GoalContent
  | 'measureId'
  | 'reason'
  | 'comment'
  | 'level'
  | 'achievement'
  | 'confirmedLevel'
  | 'midYearWindow'
  | 'progress'
  | 'progressComment'
  | 'late'
  | 'continuing'
  | 'carriedFrom'
  | 'carriedTo',
  string
> = {
  title: '実施項目',
  category: '計画・方針等の分類',
  targetLevel: 'どの水準まで',
  method: 'どのような方法で',
  deadlineMonth: 'いつまで',
  sections: '共通/課名',
  measureId: '施策（総合計画）',
  reason: '理由',
  comment: 'コメント',
  level: '達成状況',
  // The history names the rating as recorded and as the department head confirmed it.
  achievement: '達成状況',
  confirmedLevel: '達成状況（確認）',
  // 中間報告 and 次年度への引継ぎ, as the goal's history shows them.
  midYearWindow: '中間報告',
  progress: '進捗状況',
  progressComment: '進捗コメント',
  late: '提出',
  continuing: '継続',
  carriedFrom: '前年度から引継ぎ',
  carriedTo: '次年度へ引継ぎ',
};

/** The goal's own columns, in the sheet's order. */
export const CONTENT_FIELDS: Array<keyof GoalContent> = [
  'title',
  'category',
  'targetLevel',
  'method',
  'deadlineMonth',
  'sections',
];

/** A field's value as the sheet prints it: いつまで as 3月, several 課 joined with ・; `empty` where there is none. */
export function fieldText(field: string, value: unknown, empty = ''): string {
  if (value === undefined || value === null) return empty;
  if (field === 'deadlineMonth' && typeof value === 'number') return `${value}月`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- goal fields are JSON scalars or lists of names, never objects
  return Array.isArray(value) ? value.join('・') : String(value);
}

/**
 * Every event the audit trail can show, by its type in the store. The web cannot import the domain's
 * event type lists, so test/web/event-labels.spec.ts checks each one of them has a label here.
 */
export const EVENT_LABEL: Record<string, string> = {
  // 整理表
  SheetOpened: '整理表を作成',
  // 企画担当が開いたもの (OVERVIEW_RECORD_READS)
  PlanningOfficeRead: '企画担当が閲覧',
  GoalRegistered: '番号を付与',
  GoalsRenumbered: '番号を振り直し',
  SheetPublished: '公表',
  // 目標
  GoalDrafted: '下書きを作成',
  GoalRevised: '下書きを修正',
  GoalSubmitted: '提出',
  GoalWithdrawn: '取下げ',
  GoalDeleted: '削除',
  GoalApproved: '承認',
  GoalReturned: '差戻し',
  GoalAmendmentRequested: '変更申請',
  GoalAmendmentApproved: '変更申請を承認',
  GoalAmendmentReturned: '変更申請を差戻し',
  GoalAmendmentWithdrawn: '変更申請を取下げ',
  AchievementRecorded: '実績登録',
  AchievementConfirmed: '実績確認',
  ReminderSent: '督促を送信',
  // 年度（中間報告・締め）
  MidYearWindowOpened: '中間報告を開始',
  MidYearReportSaved: '中間報告を下書き保存',
  MidYearReportSubmitted: '中間報告を提出',
  MidYearReportReturned: '中間報告を差戻し',
  MidYearReportConfirmed: '中間報告を確認',
  MidYearReminderSent: '中間報告の督促を送信',
  YearClosed: '年度を締める',
  YearReopened: '年度を再開',
  // 次年度への引継ぎ
  ContinuationMarked: '継続を指定',
  GoalCarriedOver: '次年度へ引継ぎ',
  AchievementScaleSet: '達成度の区分を設定',
  // 総合計画
  ComprehensivePlanLoaded: '総合計画を読込み',
  // 代決
  DelegationGranted: '代決を登録',
  DelegationRevoked: '代決を取消し',
  DelegatedDecisionAcknowledged: '後閲（代決の確認）',
  // 組織（機構改革と人事）
  DepartmentEstablished: '部を設置',
  DepartmentRenamed: '部の名称を変更',
  DepartmentAbolished: '部を廃止',
  SectionEstablished: '課を設置',
  SectionRenamed: '課の名称を変更',
  SectionAbolished: '課を廃止',
  SectionMoved: '課の所属部を変更',
  SectionsMerged: '課を統合',
  SectionSplit: '課を分割',
  PersonRegistered: '職員を登録',
  PersonLoginIdChanged: 'ログインIDを変更',
  PersonMerged: '職員を統合',
  PostAssigned: '職に任命',
  PostEnded: '職を終了',
  // ログインとアカウント
  SignedIn: 'ログイン',
  SignInFailed: 'ログインに失敗',
  AccountLockedOut: 'ログインを一時停止',
  SignedOut: 'ログアウト',
  PasswordChanged: 'パスワードを変更',
  SessionRevoked: 'ログイン中の端末を切断',
  SetPasswordLinkIssued: 'パスワード設定リンクを発行',
};

export const ROLE_LABEL: Record<string, string> = {
  sectionHead: '課長',
  departmentHead: '部長',
  auditor: '監査',
  admin: '管理者',
  planning: '企画担当',
};

/** A person with the post they held, once where the directory names the person by the post (市民課長). */
export function personLabel(name: string, post: string | null | undefined): string {
  return !post || post === name ? name : `${name}（${post}）`;
}

export const MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
