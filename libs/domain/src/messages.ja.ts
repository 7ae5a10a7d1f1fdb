/**
 * Words the refusals use, as a clerk says them. The API answers in Japanese unless the client asks for
 * English first (Accept-Language), so every refusal carries its Japanese beside the English it had.
 */
import { GOAL_STATUS_LABEL } from './goal/goal-status';

/** What a command is called on screen: 「提出中の目標は削除できません」. */
export const COMMAND_JA: Record<string, string> = {
  DraftGoal: '作成',
  ReviseGoal: '修正',
  SubmitGoal: '提出',
  WithdrawGoal: '取下げ',
  DeleteGoal: '削除',
  ApproveGoal: '承認',
  ReturnGoal: '差戻し',
  AmendGoal: '変更申請',
  RecordAchievement: '実績登録',
  ConfirmAchievement: '実績確認',
  OpenSheet: '整理表の作成',
  RegisterGoal: '番号の付与',
  RenumberGoals: '番号の振り直し',
  ImportSheet: '整理表の取込み',
  PublishSheet: '公表',
  GrantDelegation: '代決の登録',
  RevokeDelegation: '代決の取消し',
  AcknowledgeDelegatedDecision: '後閲',
  MarkContinuing: '継続の指定',
  CarryOverGoal: '次年度への引継ぎ',
};

/** A state as the sheet's readers say it. */
export const STATE_JA: Record<string, string> = {
  ...GOAL_STATUS_LABEL,
  'approved (amendment pending)': '変更申請中',
  none: '未作成',
  open: '作成済み',
};

/** What NotFound names: 「目標が見つかりません」. */
export const THING_JA: Record<string, string> = {
  goal: '目標',
  sheet: '整理表',
  department: '部',
  section: '課',
  person: '職員',
  post: '職',
  delegation: '代決',
  review: '後閲の対象',
  account: 'アカウント',
  session: 'セッション',
  reminder: '督促',
};

/** What a query or path field is called when a generic reason names it. */
const QUERY_FIELD_JA: Record<string, string> = {
  goalId: '目標のID（goalId）',
  sheetId: '整理表のID（sheetId）',
  from: '開始（from）',
  to: '終了（to）',
  until: '終了日（until）',
  asOf: '日時（asOf）',
  atPosition: '位置（atPosition）',
  department: '部（department）',
  section: '課（section）',
  fiscalYear: '年度（fiscalYear）',
  approvedOnly: '承認済のみ（approvedOnly）',
  limit: '件数（limit）',
  loginId: 'ログインID（loginId）',
};
const named = (field: string) => QUERY_FIELD_JA[field] ?? `「${field}」`;

/**
 * Reasons many places give in the same words, said once: InvalidInput.of(field, one of these) answers
 * in Japanese without each place repeating it.
 */
export const COMMON_REASON_JA: Record<string, (field: string) => string> = {
  'must be a UUID': (f) => `${named(f)}はID（UUID）の形で指定してください`,
  'must be a date, YYYY-MM-DD': (f) => `${named(f)}は日付（例: 2026-04-01）で指定してください`,
  'must be a name': (f) => `${named(f)}は名称（100字以内）で指定してください`,
  'must be a department name': (f) => `${named(f)}は部の名称で指定してください`,
  'must be a year, e.g. 2022': (f) => `${named(f)}は西暦の年度（例: 2022）で指定してください`,
  'must be an event position (a whole number)': (f) => `${named(f)}はイベントの位置（整数）で指定してください`,
  'must be true or false': (f) => `${named(f)}は true か false で指定してください`,
  'must be given once': (f) => `${named(f)}は一度だけ指定してください`,
  'must be text': (f) => `${named(f)}は文字で指定してください`,
  'must be a whole number from 1 to 1000': (f) => `${named(f)}は1から1,000までの整数で指定してください`,
  'must be an ISO-8601 date or time, e.g. 2022-06-01T09:00:00+09:00': (f) =>
    `${named(f)}は日付か日時（例: 2022-06-01 や 2022-06-01T09:00:00+09:00）で指定してください`,
};

/** Japanese text: kana or kanji. What the messages test checks every refusal for. */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
