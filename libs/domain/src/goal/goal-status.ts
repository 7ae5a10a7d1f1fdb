/**
 * A goal's state as the sheet's readers say it. Print and exports mark every goal with it, so a
 * 下書き never passes for an approved goal on paper.
 */
export type GoalStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'achievementRecorded'
  | 'confirmed'
  /** Off the sheet, 受信箱, print and exports; kept for the audit trail. */
  | 'deleted';

export const GOAL_STATUS_LABEL: Record<GoalStatus, string> = {
  draft: '下書き',
  submitted: '提出中',
  returned: '差戻し',
  approved: '承認済',
  achievementRecorded: '実績登録済',
  confirmed: '確定',
  deleted: '削除',
};

/** 変更申請中 is an approved goal with a change waiting for the 部長; the approved text is in force. */
export function goalStatusLabel(status: GoalStatus, pendingAmendment?: unknown): string {
  return status === 'approved' && pendingAmendment ? '変更申請中' : GOAL_STATUS_LABEL[status];
}

/** Approved by the 部長 and in force (later steps included): what 承認済のみ prints. */
export function isApproved(status: GoalStatus): boolean {
  return status === 'approved' || status === 'achievementRecorded' || status === 'confirmed';
}
