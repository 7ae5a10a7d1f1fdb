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
import { auditEntryAndView, auditEntryOf, goalIdOf } from './projection';
import { AuditEntry, GoalView } from './read-model.views';
import { OrganisationReader } from './organisation.reader';

/** The goal's view after each event of its stream that moved it, oldest first. */
type Timeline = Array<{ position: Position; view: GoalView }>;

/** A goal's events on the page: what its stream must be folded through, and the entries made on the way. */
interface GoalOnPage {
  goalId: string;
  /** The page's events about the goal (its id in their data) whose entries need its view, in the page's order. */
  about: RecordedEvent[];
}

export class AuditTrailReader {
  private readonly organisation: OrganisationReader;

  constructor(private readonly store: EventStore) {
    this.organisation = new OrganisationReader(store);
  }

  /** The entries of the events at these positions, in the order given. */
  async entries(positions: readonly Position[]): Promise<AuditEntry[]> {
    if (positions.length === 0) return [];
    const [events, names] = await Promise.all([this.store.readAt(positions), this.organisation.legacyNames()]);
    // Entries made before the goals' streams are folded or while they are, by position; the rest below.
    const made = new Map<Position, AuditEntry>();
    const goals = new Map<string, GoalOnPage>();
    for (const event of events) {
      const goalId = goalIdOf(event);
      if (goalId === undefined) continue;
      if (event.streamId !== goalStreamId(goalId)) {
        const entry = entryWithoutView(event, names);
        if (entry) {
          made.set(event.position, entry);
          continue;
        }
      }
      let goal = goals.get(goalId);
      if (!goal) goals.set(goalId, (goal = { goalId, about: [] }));
      goal.about.push(event);
    }
    const timelines = new Map(
      await Promise.all(
        [...goals.values()].map(async (goal) => [goal.goalId, await this.fold(goal, names, made)] as const),
      ),
    );
    return events.map((event) => {
      const entry = made.get(event.position);
      if (entry) return withoutUndefined(entry);
      const goalId = goalIdOf(event);
      const before = goalId === undefined ? undefined : viewBefore(timelines.get(goalId)!, event.position);
      return withoutUndefined(entryOf(event, before, names));
    });
  }

  /**
   * The goal's stream folded as the projector folds it, as far as the page needs it: each event
   * projected with the view before it; one the projector would park (it throws) leaves the view as
   * it was. The entries of the page's own events of the stream are made by the same projection.
   */
  private async fold(goal: GoalOnPage, names: LegacyNames, made: Map<Position, AuditEntry>): Promise<Timeline> {
    const { goalId, about } = goal;
    const onPage = new Set(about.map((event) => event.position));
    const timeline: Timeline = [];
    let view: GoalView | undefined;
    const context = { goal: (g: string) => (g === goalId ? view : undefined), names };
    for (const event of await this.streamAsNeeded(goal)) {
      const before = view;
      let moved: GoalView | undefined;
      try {
        const projected = auditEntryAndView(event, context);
        moved = projected.view;
        if (onPage.has(event.position)) made.set(event.position, projected.entry);
      } catch {
        if (onPage.has(event.position)) made.set(event.position, auditEntry(event, { before, after: before }));
        continue;
      }
      if (moved?.goalId !== goalId) continue;
      view = moved;
      timeline.push({ position: event.position, view });
    }
    return timeline;
  }

  /**
   * The goal's stream up to the page's last event about it. A list holds every event of the stream
   * the projector did not park, in order, so when the page's events of the stream are consecutive
   * revisions and the last of them is the page's last event about the goal, only the revisions
   * before the first need reading: a goal wholly on the page is not read again. Otherwise (a parked
   * event between them, a reminder after them) the whole stream is read, as the projector saw it.
   */
  private async streamAsNeeded({ goalId, about }: GoalOnPage): Promise<RecordedEvent[]> {
    const streamId = goalStreamId(goalId);
    const own = about.filter((event) => event.streamId === streamId).sort((a, b) => Number(a.revision - b.revision));
    const last = about.reduce((max, event) => (event.position > max ? event.position : max), about[0].position);
    const consecutive = own.every((event, i) => event.revision === own[0].revision + BigInt(i));
    if (own.length > 0 && consecutive && own.at(-1)!.position === last) {
      const first = own[0].revision;
      if (first === 0n) return own;
      const { events: before } = await this.store.readStream(streamId, { maxCount: Number(first) });
      if (before.length === Number(first) && before.every((event, i) => event.revision === BigInt(i)))
        return [...before, ...own];
    }
    const { events } = await this.store.readStream(streamId);
    return events.filter((event) => event.position <= last);
  }
}

/**
 * The entry of an event about a goal whose projection does not look at the goal's view — a sheet's
 * registration of the goal, say — so no stream need be folded for it; undefined if it does look.
 */
function entryWithoutView(event: RecordedEvent, names: LegacyNames): AuditEntry | undefined {
  let looked = false;
  const goal = () => {
    looked = true;
    return undefined;
  };
  try {
    const entry = auditEntryOf(event, { goal, names });
    return looked ? undefined : entry;
  } catch {
    return undefined;
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
