/**
 * Time travel for auditors: the sheet exactly as it stood at an instant or at an event position,
 * folded from the raw events with the domain's own evolve functions — never from the read model,
 * which only knows the present.
 */
import {
  evolveGoal,
  evolveSheet,
  GOAL_EVENTS,
  GoalState,
  initialGoalState,
  initialSheetState,
  SHEET_EVENTS,
  SheetHeader,
  SheetState,
  sheetStreamId,
  goalStreamId,
  LegacyNames,
  reminderStreamId,
  midYearReportStreamId,
  yearStreamId,
} from '@goals/domain';
import { EventStore, RecordedEvent } from '@goals/event-store';
import { goalIdOf } from './projection';
import { printedAchievement, SheetRow } from './read-model.views';
import { YearFold, YearView } from './year.view';

export type PointInHistory = { asOf: Date | string } | { atPosition: bigint };

export interface SheetSnapshot {
  header: SheetHeader;
  rows: SheetRow[];
  /** Position of the last event folded in, as a decimal string. */
  lastPosition: string;
  /** 中間報告 and the close of the year, as they stood then. */
  year: YearView;
}

/**
 * Folds the events of one sheet and its goals up to a point: at a position, every event at or
 * before it; as of a time, every event that had occurred by then (metadata.occurredAt, the
 * service's clock). Returns null if the sheet was not yet open at that point.
 */
export function sheetAsOf(
  events: readonly RecordedEvent[],
  at: PointInHistory,
  names: LegacyNames,
): SheetSnapshot | null {
  const included =
    'atPosition' in at
      ? (e: RecordedEvent) => e.position <= at.atPosition
      : (
          (limit: number) => (e: RecordedEvent) =>
            Date.parse(occurredAt(e)) <= limit
        )(new Date(at.asOf).getTime());
  let sheet: SheetState = initialSheetState();
  const goals = new Map<string, GoalState>();
  const revisions = new Map<string, number>();
  let lastPosition: bigint | undefined;
  const year = new YearFold();
  for (const event of [...events].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))) {
    if (!included(event)) continue;
    lastPosition = event.position;
    if (year.apply(event)) continue;
    const sheetEvent = SHEET_EVENTS.upcast(event, { names });
    const before = goals.get(goalIdOf(event) ?? '');
    const goal = before?.status === 'none' || !before ? undefined : before;
    const goalEvent = sheetEvent
      ? undefined
      : GOAL_EVENTS.upcast(event, {
          names,
          goal: goal && { departmentId: goal.departmentId, fiscalYear: goal.fiscalYear },
        });
    if (sheetEvent) sheet = evolveSheet(sheet, sheetEvent);
    else if (goalEvent && event.streamId === goalStreamId(goalEvent.data.goalId)) {
      // Reminders live in streams of their own: they change nothing and have no goal revision.
      const goalId = goalEvent.data.goalId;
      goals.set(goalId, evolveGoal(goals.get(goalId) ?? initialGoalState(), goalEvent));
      revisions.set(goalId, Number(event.revision));
    }
  }
  if (sheet.status !== 'open') return null;
  const rows = sheet.order.flatMap((goalId, i): SheetRow[] => {
    const goal = goals.get(goalId);
    if (!goal || goal.status === 'none' || goal.status === 'deleted') return [];
    const g = goal;
    return [
      {
        number: i + 1,
        goalId,
        status: g.status,
        content: g.content,
        achievement: printedAchievement(g),
        pendingAmendment: g.pendingAmendment,
        revision: revisions.get(goalId)!,
      },
    ];
  });
  return { header: sheet.header, rows, lastPosition: lastPosition!.toString(), year: year.view() };
}

/**
 * The events sheetAsOf needs: the sheet's stream, the streams of every goal it ever listed, the
 * year's stream and the 中間報告 stream of every section its goals ever named.
 */
export async function readSheetEvents(store: EventStore, sheetId: string): Promise<RecordedEvent[]> {
  const { events: sheetEvents } = await store.readStream(sheetStreamId(sheetId));
  const goalIds = new Set<string>();
  for (const e of sheetEvents) {
    if (e.type === 'GoalRegistered') goalIds.add((e.data as { goalId: string }).goalId);
    if (e.type === 'GoalsRenumbered') for (const g of (e.data as { goalIds: string[] }).goalIds) goalIds.add(g);
  }
  const goalEvents = await Promise.all(
    [...goalIds]
      .flatMap((g) => [goalStreamId(g), reminderStreamId(g)])
      .map(async (s) => (await store.readStream(s)).events),
  );
  const sectionIds = new Set<string>();
  for (const e of goalEvents.flat()) {
    const data = e.data as { sections?: unknown; changes?: { sections?: unknown } };
    for (const list of [data.sections, data.changes?.sections])
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') sectionIds.add(s);
  }
  const yearEvents = await Promise.all(
    [yearStreamId(sheetId), ...[...sectionIds].map((s) => midYearReportStreamId(sheetId, s))].map(
      async (s) => (await store.readStream(s)).events,
    ),
  );
  return [...sheetEvents, ...goalEvents.flat(), ...yearEvents.flat()];
}

function occurredAt(event: RecordedEvent): string {
  return typeof event.metadata?.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt;
}
