/**
 * The audit trail: every event once, in global order, listed per goal, per sheet and for the whole
 * store, with field-level before/after where a goal's text changed.
 *
 * Redis keeps only the lists of positions (an index: a few bytes an event); the entries themselves
 * are made again from the events when a page is read (audit-trail.reader.ts), by the same function
 * the projection uses here. A copy of every event in Redis cost about 1 KB an event: a gigabyte at
 * a million events, which the embedded Redis must hold in memory and reload at every start.
 */
import { GOAL_FIELDS, GoalContent, GoalEvent, ImportedStep, importedStepOf } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { Change, keys } from './read-model.changes';
import { AuditEntry, FieldChange, GoalView } from './read-model.views';

/** What an event's entry is made from besides the event: the goal's view around it, as projected. */
export interface AuditBasis {
  before?: GoalView;
  after?: GoalView;
  /** The event upcast to today's shape, so a change of sections is in ids whatever its age. */
  goalEvent?: GoalEvent;
}

/** The lists the event's position goes into: the whole store's, its goal's and its sheet's. */
export function auditChanges(event: RecordedEvent, basis: AuditBasis): Change[] {
  const { goalId, sheetId } = auditScope(event, basis);
  const position = event.position.toString();
  const changes: Change[] = [{ op: 'rpush', key: keys.auditAll, value: position }];
  if (goalId) changes.push({ op: 'rpush', key: keys.auditOfGoal(goalId), value: position });
  if (sheetId) changes.push({ op: 'rpush', key: keys.auditOfSheet(sheetId), value: position });
  return changes;
}

/** The goal and the sheet whose lists the event goes into (besides the whole store's). */
export function auditScope(event: RecordedEvent, { before, after }: AuditBasis): { goalId?: string; sheetId?: string } {
  const data = event.data;
  const goalId = typeof data.goalId === 'string' ? data.goalId : undefined;
  const sheetId = (after ?? before)?.sheetId ?? (typeof data.sheetId === 'string' ? data.sheetId : undefined);
  return { goalId, sheetId };
}

export function auditEntry(event: RecordedEvent, basis: AuditBasis): AuditEntry {
  const { before, after, goalEvent } = basis;
  const data = event.data;
  const goal = after ?? before;
  const { goalId, sheetId } = auditScope(event, basis);
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    actor: event.metadata?.actor,
    ...(typeof event.metadata?.onBehalfOf === 'string' ? { onBehalfOf: event.metadata.onBehalfOf } : {}),
    // 取込み: taken from a file, not done in the service by the person who imported it.
    ...withImported(event.metadata),
    occurredAt: event.metadata?.occurredAt,
    correlationId: event.metadata?.correlationId,
    goalId,
    sheetId,
    // Sections are kept by id; whoever shows the entry names them as of this fiscal year.
    ...(goal ? { fiscalYear: goal.fiscalYear } : {}),
    reason: typeof data.reason === 'string' ? data.reason : event.metadata?.reason,
    comment: typeof data.comment === 'string' ? data.comment : undefined,
    changes: goalEvent ? fieldChanges(goalEvent, before) : undefined,
  };
}

function withImported(metadata: Record<string, unknown> | undefined): { imported?: ImportedStep } {
  const imported = importedStepOf(metadata);
  return imported ? { imported } : {};
}

function fieldChanges(event: GoalEvent, before: GoalView | undefined): FieldChange[] | undefined {
  switch (event.type) {
    case 'GoalDrafted':
      // An optional column left empty (施策) is no change to show.
      return GOAL_FIELDS.filter((field) => event.data[field] !== undefined).map((field) => ({
        field,
        after: event.data[field],
      }));
    case 'GoalRevised':
    case 'GoalAmendmentRequested':
    case 'GoalAmendmentApproved':
      // For a request the "before" is the approved text still in force; the approval shows the same pair.
      return diff(before?.content, event.data.changes);
    case 'AchievementRecorded':
      return [{ field: 'achievement', before: before?.achievement?.level, after: event.data.level }];
    case 'AchievementConfirmed':
      return [{ field: 'confirmedLevel', before: event.data.recordedLevel, after: event.data.level }];
    default:
      return undefined;
  }
}

function diff(current: GoalContent | undefined, changes: Partial<GoalContent>): FieldChange[] {
  return GOAL_FIELDS.filter((f) => changes[f] !== undefined).map((field) => ({
    field,
    before: current?.[field],
    after: changes[field],
  }));
}
