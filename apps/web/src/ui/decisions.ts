/** The decisions a 代決 may cover, as the head and the delegate read them. */
export const DECISION_LABEL = { approve: '承認', return: '差戻し', confirm: '実績確認' } as const;
export type Decision = keyof typeof DECISION_LABEL;
export const DECISIONS = Object.keys(DECISION_LABEL) as Decision[];

/** 承認・差戻し・実績確認: all three where a delegation names none. */
export function decisionsText(decisions: readonly string[] | undefined): string {
  return (decisions ?? DECISIONS).map((d) => DECISION_LABEL[d as Decision] ?? d).join('・');
}
