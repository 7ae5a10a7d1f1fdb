/**
 * The audit trail's entries, made from the events themselves. Redis lists only the positions of a
 * goal's, a sheet's or the whole store's events (audit.projection.ts); a page of them is read back
 * from the event store by position and made into entries by the projection's own function, with
 * the goal's view as it stood before each event — the goal's stream folded as the projector folds
 * it — so an entry says what it said when it was projected, without a copy of it kept in Redis.
 */
import { goalStreamId, LegacyNames } from '@goals/domain';
import { EventStore, Position, RecordedEvent } from '@goals/event-store';
import { auditEntry } from './audit.projection';
import { auditEntryOf, goalIdOf, projectEventKeepingView } from './projection';
import { AuditEntry, GoalView } from './read-model.views';
import { OrganisationReader } from './organisation.reader';

/** The goal's view after each event of its stream that moved it, oldest first. */
type Timeline = Array<{ position: Position; view: GoalView }>;

export class AuditTrailReader {
  private readonly organisation: OrganisationReader;

  constructor(private readonly store: EventStore) {
    this.organisation = new OrganisationReader(store);
  }

  /** The entries of the events at these positions, in the order given. */
  async entries(positions: readonly Position[]): Promise<AuditEntry[]> {
    if (positions.length === 0) return [];
    const [events, names] = await Promise.all([this.store.readAt(positions), this.organisation.legacyNames()]);
    const goalIds = [...new Set(events.map(goalIdOf).filter((g): g is string => g !== undefined))];
    const timelines = new Map(
      await Promise.all(goalIds.map(async (goalId) => [goalId, await this.timeline(goalId, names)] as const)),
    );
    return events.map((event) => {
      const goalId = goalIdOf(event);
      const before = goalId === undefined ? undefined : viewBefore(timelines.get(goalId)!, event.position);
      return withoutUndefined(entryOf(event, before, names));
    });
  }

  /**
   * The goal's stream folded as the projector folds it: each event projected with the view before
   * it; one the projector would park (it throws) leaves the view as it was.
   */
  private async timeline(goalId: string, names: LegacyNames): Promise<Timeline> {
    const { events } = await this.store.readStream(goalStreamId(goalId));
    const timeline: Timeline = [];
    let view: GoalView | undefined;
    const context = { goal: (g: string) => (g === goalId ? view : undefined), names };
    for (const event of events) {
      let moved: GoalView | undefined;
      try {
        moved = projectEventKeepingView(event, context).view;
      } catch {
        continue;
      }
      if (moved?.goalId !== goalId) continue;
      view = moved;
      timeline.push({ position: event.position, view });
    }
    return timeline;
  }
}

/**
 * An event in a list was projected without an error, so projecting it again does not throw; should
 * the organisation's reading of an old name have changed since, the entry is still made, plainly.
 */
function entryOf(event: RecordedEvent, before: GoalView | undefined, names: LegacyNames): AuditEntry {
  try {
    return auditEntryOf(event, { goal: () => before, names });
  } catch {
    return auditEntry(event, { before, after: before });
  }
}

/**
 * As the stored JSON had it: a field left undefined is absent (cheaper than a JSON round trip, which
 * was a fifth of a page's time; the values are the event's own, read afresh for each page).
 */
function withoutUndefined(entry: AuditEntry): AuditEntry {
  const out = dropUndefined(entry);
  if (out.changes) out.changes = out.changes.map(dropUndefined);
  return out;
}

function dropUndefined<T extends object>(value: T): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function viewBefore(timeline: Timeline, position: Position): GoalView | undefined {
  let view: GoalView | undefined;
  for (const step of timeline) {
    if (step.position >= position) break;
    view = step.view;
  }
  return view;
}
