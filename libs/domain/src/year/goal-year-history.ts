/**
 * A goal's history beyond its own stream: the 中間報告 lines about it (what the 課長 submitted, the
 * 部長's 確認 or 差戻し of that report) and 次年度への引継ぎ (継続 marks, where it was carried). Drafts
 * saved by the 課長 stay theirs and are not shown. Pure over the events of the section's report
 * streams and the sheet's carry-over stream, in the order they were written.
 */
import { StoredEvent } from '../events/event-schema';
import { fiscalYearLabel } from '../fiscal-year';
import { FieldChange, GoalHistoryStep } from '../goal/goal-history';
import { CARRY_OVER_EVENTS } from './carry-over.events';
import { MID_YEAR_REPORT_EVENTS } from './year.events';

type Stored = StoredEvent & { data: Record<string, unknown>; streamId: string };

/**
 * `carriedTo`: the draft the goal became, cited as offices cite it (R8-No.2), when its 番号 is known.
 * Events of other goals and saved drafts give no step.
 */
export function goalYearSteps<E extends Stored>(
  goalId: string,
  events: readonly E[],
  cite: { carriedTo?: string } = {},
): GoalHistoryStep<E>[] {
  const steps: GoalHistoryStep<E>[] = [];
  // Per report stream and window: whether the goal was in what the 部長 received, and its last progress.
  const received = new Set<string>();
  let last: { progress?: string; comment?: string } = {};
  for (const event of events) {
    const report = MID_YEAR_REPORT_EVENTS.upcast(event);
    if (report) {
      const key = `${event.streamId}#${report.data.window}`;
      if (report.type === 'MidYearReportSubmitted') {
        const entry = report.data.entries.find((e) => e.goalId === goalId);
        if (!entry) continue;
        received.add(key);
        const changes: FieldChange[] = [
          { field: 'midYearWindow', before: null, after: `第${report.data.window}回` },
          { field: 'progress', before: last.progress ?? null, after: entry.progress },
          { field: 'progressComment', before: last.comment ?? null, after: entry.comment },
        ];
        last = { progress: entry.progress, comment: entry.comment };
        steps.push({
          event,
          changes: report.data.late ? [...changes, { field: 'late', before: null, after: '締切日後に提出' }] : changes,
        });
      } else if (
        (report.type === 'MidYearReportReturned' || report.type === 'MidYearReportConfirmed') &&
        received.has(key)
      )
        steps.push({ event, changes: [{ field: 'midYearWindow', before: null, after: `第${report.data.window}回` }] });
      continue;
    }
    const carry = CARRY_OVER_EVENTS.upcast(event);
    if (!carry) continue;
    if (carry.type === 'ContinuationMarked' && carry.data.goalId === goalId)
      steps.push({
        event,
        changes: [
          {
            field: 'continuing',
            before: carry.data.continuing ? null : '継続',
            after: carry.data.continuing ? '継続' : null,
          },
        ],
      });
    if (carry.type === 'GoalCarriedOver' && carry.data.from.goalId === goalId)
      steps.push({
        event,
        changes: [
          { field: 'carriedTo', before: null, after: cite.carriedTo ?? fiscalYearLabel(carry.data.to.fiscalYear) },
        ],
      });
  }
  return steps;
}
