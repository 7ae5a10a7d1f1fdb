/**
 * 後閲: every goal decision a delegate took for the department head (its metadata names
 * `onBehalfOf`) waits in the head's inbox until the head acknowledges it. The item is the goal event
 * itself, so one append both decides and raises the item: no crash can leave a decision unreviewed.
 */
import { DelegatedDecisionAcknowledged, GoalEvent, Read } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { Change, keys } from './read-model.changes';
import { GoalView, ReviewItem } from './read-model.views';

export function reviewRaised(event: Read<RecordedEvent, GoalEvent>, after: GoalView): Change[] {
  const onBehalfOf = event.metadata?.onBehalfOf;
  if (typeof onBehalfOf !== 'string') return [];
  const data = event.data as { reason?: unknown; comment?: unknown };
  const waitingSince = typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt;
  const item: ReviewItem = {
    kind: 'review',
    reviewId: event.id,
    goalId: after.goalId,
    sheetId: after.sheetId,
    title: after.content.title,
    decision: event.type,
    decidedBy: event.metadata.actor?.userId ?? '(unknown)',
    onBehalfOf,
    ...(typeof event.metadata.delegationId === 'string' ? { delegationId: event.metadata.delegationId } : {}),
    ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    ...(typeof data.comment === 'string' ? { comment: data.comment } : {}),
    waitingSince,
  };
  return [
    { op: 'hset', key: keys.reviewItems, fields: { [event.id]: JSON.stringify(item) } },
    { op: 'zadd', key: keys.reviews(after.departmentId), score: Date.parse(waitingSince), member: event.id },
  ];
}

export function reviewAcknowledged(
  event: Read<RecordedEvent, DelegatedDecisionAcknowledged>,
  departmentId: string,
): Change[] {
  return [{ op: 'zrem', key: keys.reviews(departmentId), member: event.data.reviewId }];
}
