/**
 * The event-sourced directory as the api holds it. The whole organisation lives in one stream
 * (`directory`): a city has hundreds of people and a few hundred sections, so the stream folds in
 * memory in milliseconds, one revision orders every change (an assignment is checked against all
 * others at the revision it is appended at) and /audit/verify covers it like any other stream.
 *
 * The folded state is kept with the revision it was folded to; a read asks the store only for the
 * events after that revision (usually none), so a change written by another api process is seen on
 * its next request, without a cache to invalidate. Within a request, once: a read begun after the
 * request arrived has seen every event acknowledged before it (shared/request-arrival), so the
 * request's other questions are answered from the state it folded.
 */
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  Actor,
  actorOn,
  decideOrganisation,
  cloneOrganisation,
  departmentEverNamedIn,
  departmentIn,
  DepartmentInYear,
  departmentNamedIn,
  departmentWithSectionsIn,
  departmentNameIn,
  Directory,
  DIRECTORY_STREAM,
  emptyOrganisation,
  evolveOrganisation,
  foldOrganisation,
  GoalOwnership,
  GoalRules,
  jstDateOf,
  LegacyNames,
  InvalidInput,
  NotFound,
  ORGANISATION_EVENTS,
  OrganisationCommand,
  OrganisationEvent,
  OrganisationState,
  sectionIdsNamed,
  sectionNamesIn,
  selectableLevels,
  successorsOn,
} from '@goals/domain';
import { legacyNamesOf } from '@goals/read-models';
import { derivedUuid, EVENT_STORE, EventStore, WrongExpectedVersion } from '@goals/event-store';
import { CLOCK, Clock, markStartup } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { performance } from 'node:perf_hooks';
import { CommandContext } from '../shared/command-context';
import { requestArrivedAt } from '../shared/request-arrival';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { eventIdFor } from '../shared/event-envelope';
import { seedCommands, SEED_ACTOR } from './directory-seed';
import { Naming } from './naming';
import { AchievementScales } from '../scales/achievement-scales.service';

export type { Naming } from './naming';

/**
 * A rule outside the directory that a decision must also pass before it is appended (the goals a
 * reorganisation would leave without a section): it sees the organisation before and after, and
 * throws to refuse, so nothing is written.
 */
export type DecisionCheck = (decided: {
  before: OrganisationState;
  after: OrganisationState;
  events: OrganisationEvent[];
}) => Promise<void>;

type Latest = { state: OrganisationState; revision: bigint | undefined };

@Injectable()
export class OrganisationDirectory implements OnModuleInit {
  private state: OrganisationState = emptyOrganisation();
  private revision: bigint | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scales: AchievementScales,
  ) {
    // Its own, so that the goals' and sheets' modules (which read the directory) need not be imported here.
    this.streams = new EventStreams(store, clock);
  }

  private readonly streams: EventStreams;

  /** A store without the directory stream gets the directory file's content, as events. */
  async onModuleInit(): Promise<void> {
    await this.seed();
    markStartup('directory seed');
  }

  async seed(): Promise<void> {
    if ((await this.store.readStream(DIRECTORY_STREAM, { maxCount: 1 })).exists) return;
    const events = seedEvents(this.config.directory);
    const now = this.clock.now().toISOString();
    try {
      await this.store.append(
        DIRECTORY_STREAM,
        events.map((event, i) => ({
          id: derivedUuid('directory-seed', String(i)),
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: {
            actor: SEED_ACTOR,
            occurredAt: now,
            correlationId: 'directory-seed',
            causationId: 'directory-seed',
            schemaVersion: ORGANISATION_EVENTS.version(event.type),
            source: this.config.directoryFile,
          },
        })),
        { expectedRevision: 'no_stream' },
      );
    } catch (e) {
      // Another process seeded first: the same file gives the same events, so theirs will do.
      if (!(e instanceof WrongExpectedVersion)) throw e;
    }
  }

  /**
   * The organisation as of the stream's latest revision. The state given out is never changed
   * afterwards: new events are folded into a copy (cloneOrganisation: its maps, not its records),
   * which then replaces it. So a caller may keep one across awaits, and a write may decide on it.
   */
  async current(): Promise<OrganisationState> {
    return (await this.latest()).state;
  }

  /**
   * The state with the revision it was folded to, taken together (another read may replace both
   * meanwhile), as of a read of the store begun after this call: never one begun before it, which
   * may have missed an event acknowledged since (by another api process, say). Calls made while a
   * read is under way share the one that follows it, so concurrent requests cost two reads, not one each.
   */
  private latest(): Promise<Latest> {
    // Within a request, a read begun after it arrived will do (request-arrival): one per request.
    const arrived = requestArrivedAt();
    if (arrived !== undefined) {
      if (this.reading !== undefined && this.readingBegan >= arrived) return this.reading;
      if (this.reading === undefined && this.lastReadBegan >= arrived)
        return Promise.resolve({ state: this.state, revision: this.revision });
    }
    if (this.reading === undefined) {
      this.reading = this.readMore().finally(() => (this.reading = undefined));
      return this.reading;
    }
    this.following ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.following = undefined;
        return this.latest();
      });
    return this.following;
  }

  private reading: Promise<Latest> | undefined;
  private following: Promise<Latest> | undefined;
  /** When the read under way began, and when the last one whose events are folded in began (performance.now()). */
  private readingBegan = -Infinity;
  private lastReadBegan = -Infinity;

  private async readMore(): Promise<Latest> {
    const began = (this.readingBegan = performance.now());
    const from = this.revision === undefined ? 0n : this.revision + 1n;
    const read = await this.store.readStream(DIRECTORY_STREAM, { fromRevision: from });
    // A write may have kept the state it decided on meanwhile (execute): only the events after it are new.
    const kept = this.revision;
    const events = kept === undefined ? read.events : read.events.filter((e) => e.revision > kept);
    if (events.length > 0) {
      const next = this.revision === undefined ? emptyOrganisation() : cloneOrganisation(this.state);
      for (const event of ORGANISATION_EVENTS.read(events)) evolveOrganisation(next, event);
      for (const event of events) if (event.metadata.idempotencyKey !== undefined) this.eventIds.add(event.id);
      this.state = next;
      this.revision = events.at(-1)!.revision;
    }
    this.lastReadBegan = began;
    return { state: this.state, revision: this.revision };
  }

  /**
   * Ids of the directory's events written with an Idempotency-Key: a retry (whose key gives the ids)
   * is recognised without reading the stream; a request without a key is never a retry.
   */
  private readonly eventIds = new Set<string>();

  /**
   * Decides commands against the latest state and appends at that revision, through the one write
   * path: an assignment made meanwhile by someone else makes this one fail (409) instead of both
   * holding the same post; a stale If-Match is refused; a retry answers as the first request did.
   * `plan` may be the commands, or a function giving them from a scratch state it may change (the
   * roster); on a retry it is not called, and `before` is the state the first request was planned on.
   *
   * One fold per write: the state kept (current) is brought up to the stream's end, reading only the
   * events after its revision, and the commands are decided on a copy of it. Only a retry of an
   * earlier request reads the whole stream, to answer with the state that request was decided on.
   */
  async execute(
    plan: OrganisationCommand[] | ((scratch: OrganisationState) => OrganisationCommand[]),
    ctx: CommandContext,
    check?: DecisionCheck,
  ): Promise<{ revision: bigint; events: OrganisationEvent[]; replayed: boolean; before: OrganisationState }> {
    const latest = await this.latest();
    const retried = ctx.idempotencyKey !== undefined && this.eventIds.has(eventIdFor(ctx, DIRECTORY_STREAM, 0));
    const stream: string | LoadedStream = retried
      ? DIRECTORY_STREAM
      : // The state is folded already; the path needs the revision (If-Match, the append) and no event:
        // a retry is ruled out above and the directory has no notices for If-Match to overlook.
        { streamId: DIRECTORY_STREAM, events: [], revision: latest.revision };
    let after: OrganisationState | undefined;
    const fold = (loaded: LoadedStream) =>
      loaded === stream ? latest.state : foldOrganisation(ORGANISATION_EVENTS.read(loaded.events));
    const { revision, events, replayed, state } = await this.streams.decide(
      stream,
      {
        fold,
        // Decided on a state of its own, so a later command of a batch (a roster) sees the earlier
        // ones and a refused one leaves the shared state untouched.
        decide: async (before) => {
          const commands = Array.isArray(plan) ? plan : plan(cloneOrganisation(before));
          const scratch = cloneOrganisation(before);
          const decided: OrganisationEvent[] = [];
          for (const command of commands)
            for (const event of decideOrganisation(command, scratch)) {
              evolveOrganisation(scratch, event);
              decided.push(event);
            }
          if (check) await check({ before, after: scratch, events: decided });
          after = scratch;
          return decided;
        },
      },
      ctx,
    );
    // The state decided on, with the events appended right after its revision, is the stream as it
    // stands now: kept, so that the next read need not copy the state again to fold them in.
    const at = latest.revision;
    if (
      !replayed &&
      after !== undefined &&
      at !== undefined &&
      this.revision === at &&
      revision === at + BigInt(events.length)
    ) {
      this.state = after;
      this.revision = revision;
      if (ctx.idempotencyKey !== undefined) this.eventIds.add(eventIdFor(ctx, DIRECTORY_STREAM, 0));
    }
    return { revision: revision ?? -1n, events: events as OrganisationEvent[], replayed, before: state };
  }

  async revisionNow(): Promise<bigint> {
    await this.current();
    return this.revision ?? -1n;
  }

  /** A state of the caller's own to try changes on, without touching the shared one. */
  async scratch(): Promise<OrganisationState> {
    return cloneOrganisation(await this.current());
  }

  async actorOn(loginId: string, day: string): Promise<Actor | undefined> {
    return actorOn(await this.current(), loginId, day);
  }

  /** How events written before ids (names only) are read: see legacyNamesIn. */
  async legacyNames(): Promise<LegacyNames> {
    return legacyNamesOf(await this.current());
  }

  /** Ids and names of the organisation now, for showing goals and sheets named as of their fiscal year. */
  async naming(): Promise<Naming> {
    const state = await this.current();
    return {
      department: (departmentId, fiscalYear) => departmentNameIn(state, departmentId, fiscalYear),
      sections: (sectionIds, fiscalYear) => sectionNamesIn(state, sectionIds, fiscalYear),
    };
  }

  /** A goal as the read rules see it today: its 部 and 課 by id, and the 課 that carry them now (lineage). */
  async goalOwnership(goal: {
    departmentId: string;
    content: { sections: readonly string[] };
  }): Promise<GoalOwnership> {
    const state = await this.current();
    const carriedBy = successorsOn(state, goal.content.sections, jstDateOf(this.clock.now()));
    return { departmentId: goal.departmentId, sections: goal.content.sections, carriedBy };
  }

  /**
   * The 部 a person's 課 belonged to in a fiscal year: their post's own, unless the 課 were in another
   * then (moved on a 4月1日 since).
   */
  async departmentHolding(
    sectionIds: readonly string[],
    fiscalYear: number,
    postDepartmentId: string,
  ): Promise<DepartmentInYear | undefined> {
    const state = await this.current();
    const own = departmentIn(state, postDepartmentId, fiscalYear);
    const holds = (d: DepartmentInYear) => d.sections.some((s) => sectionIds.includes(s.sectionId));
    if (!sectionIds.length || (own && holds(own))) return own;
    return departmentWithSectionsIn(state, sectionIds, fiscalYear) ?? own;
  }

  /** Every 部 these 課 have belonged to (they may have moved on a 4月1日), by id. */
  async departmentsThatHeld(sectionIds: readonly string[]): Promise<string[]> {
    const state = await this.current();
    const sections = sectionIds.flatMap((id) => state.sections.get(id) ?? []);
    return [...new Set(sections.flatMap((s) => [s.departmentId, ...s.moves.map((m) => m.departmentId)]))];
  }

  async departmentIn(departmentId: string, fiscalYear: number): Promise<DepartmentInYear | undefined> {
    return departmentIn(await this.current(), departmentId, fiscalYear);
  }

  /**
   * The department that had this name in the fiscal year, or else one that existed that year and has
   * had the name at another time (a 部長 names their department as it is called today); 400 naming
   * the field when there is none.
   */
  async departmentNamed(name: string, fiscalYear: number, field = 'department'): Promise<DepartmentInYear> {
    const state = await this.current();
    const found = departmentNamedIn(state, name, fiscalYear) ?? departmentEverNamedIn(state, name, fiscalYear);
    if (!found)
      throw InvalidInput.of(
        field,
        `${name} is not a department in the directory`,
        `「${name}」という部は組織にありません。部の名前を確かめてください`,
      );
    return found;
  }

  /** 共通/課名 as a person wrote it (names of the goal's year) as section ids; 400 for a name it did not have. */
  async sectionIds(departmentId: string, fiscalYear: number, names: readonly string[]): Promise<string[]> {
    return sectionIdsNamed(await this.current(), departmentId, fiscalYear, names);
  }

  /**
   * The vocabularies of the sheet's columns as the directory file gives them (configuration: another
   * city has others); its scale is the default a year keeps until it has its own (vocabularyOf).
   */
  vocabulary(): { categories: readonly string[]; achievementScale: readonly string[] } {
    const { categories, achievementScale } = this.config.directory;
    return { categories, achievementScale };
  }

  /** The vocabularies of a fiscal year: the categories, and every level the year's 達成度の区分 may give. */
  async vocabularyOf(
    fiscalYear: number,
  ): Promise<{ categories: readonly string[]; achievementScale: readonly string[] }> {
    return {
      categories: this.config.directory.categories,
      achievementScale: selectableLevels(await this.scales.scaleOf(fiscalYear)),
    };
  }

  /**
   * What a goal's rules need of its year: the vocabularies (the year's 達成度の区分, every level that
   * may be given) and its department as it stood then.
   */
  async goalRules(departmentId: string, fiscalYear: number, day?: string): Promise<GoalRules> {
    const state = await this.current();
    const department = departmentIn(state, departmentId, fiscalYear);
    if (!department) throw new NotFound('department', departmentId);
    const { categories, achievementScale } = await this.vocabularyOf(fiscalYear);
    // On the day of the command, a goal's merged or split sections are their successors' (lineage).
    const carriedBy = day ? (sectionIds: readonly string[]) => successorsOn(state, sectionIds, day) : undefined;
    return { categories, achievementScale, department, ...(carriedBy ? { carriedBy } : {}) };
  }
}

/**
 * The organisation as a process without the service's module reads it (the console tools): the
 * directory stream folded, or, on a store the service has not seeded yet, the seed it will write.
 */
export async function organisationIn(store: EventStore, directory: Directory): Promise<OrganisationState> {
  const { events, exists } = await store.readStream(DIRECTORY_STREAM);
  return foldOrganisation(exists ? ORGANISATION_EVENTS.read(events) : seedEvents(directory));
}

function seedEvents(directory: Directory): OrganisationEvent[] {
  const scratch = emptyOrganisation();
  const events: OrganisationEvent[] = [];
  for (const command of seedCommands(directory))
    for (const event of decideOrganisation(command, scratch)) {
      evolveOrganisation(scratch, event);
      events.push(event);
    }
  return events;
}
