/**
 * What changed between two publications of a sheet, goal by goal (by 番号, which is stable once
 * approved) and field by field under the sheet's own column headings.
 */
import { PublishedGoal, PublishedSheet } from './publication.events';

/** The eight columns of the paper sheet, as headed there. */
export const PUBLISHED_COLUMNS: ReadonlyArray<{ field: keyof PublishedGoal; heading: string }> = [
  { field: 'number', heading: '番号' },
  { field: 'title', heading: '実施項目' },
  { field: 'category', heading: '計画・方針等の分類' },
  { field: 'targetLevel', heading: 'どの水準まで（達成水準又は遂行後の状態等）' },
  { field: 'method', heading: 'どのような方法で（目標等を達成するための取組の内容等）' },
  { field: 'deadlineMonth', heading: 'いつまで（期限）' },
  { field: 'sections', heading: '共通/課名' },
  { field: 'achievement', heading: '達成状況' },
];

/** A cell as the paper prints it. */
export function cellText(goal: PublishedGoal, field: keyof PublishedGoal): string {
  const value = goal[field];
  if (field === 'deadlineMonth') return `${goal.deadlineMonth}月`;
  if (Array.isArray(value)) return value.join('、');
  return value === null || value === undefined ? '' : String(value);
}

export interface GoalDifference {
  number: number;
  change: 'added' | 'removed' | 'changed';
  fields: Array<{ field: string; heading: string; before: string; after: string }>;
}

export function comparePublications(from: PublishedSheet, to: PublishedSheet): GoalDifference[] {
  const before = new Map(from.goals.map((g) => [g.number, g]));
  const after = new Map(to.goals.map((g) => [g.number, g]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  const columns = PUBLISHED_COLUMNS.filter((c) => c.field !== 'number');
  return numbers.flatMap((number): GoalDifference[] => {
    const b = before.get(number);
    const a = after.get(number);
    const fields = columns
      .map(({ field, heading }) => ({
        field,
        heading,
        before: b ? cellText(b, field) : '',
        after: a ? cellText(a, field) : '',
      }))
      .filter((f) => f.before !== f.after);
    if (fields.length === 0) return [];
    return [{ number, change: !b ? 'added' : !a ? 'removed' : 'changed', fields }];
  });
}
