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
  GrantDelegation: '代決の登録',
  RevokeDelegation: '代決の取消し',
  AcknowledgeDelegatedDecision: '後閲',
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

/** Japanese text: kana or kanji. What the messages test checks every refusal for. */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
