/**
 * The projector: the only writer of the read models. It follows the store with a catch-up
 * subscription from the checkpoint kept in Redis, and writes each batch's changes together with the
 * new checkpoint in one MULTI/EXEC, so a crash between two batches neither loses nor repeats an
 * event. Events at or before the checkpoint are skipped, which makes redelivery harmless. The
 * checkpoint key is WATCHed: if another projector moved it meanwhile, the batch is dropped and
 * the projector resumes from what is stored, so two projectors on one prefix cannot double-apply.
 */
import type { Redis } from 'ioredis';
import { fiscalYearOfDate, jstDateOf, LegacyNames } from '@goals/domain';
import { CheckpointedConsumer, EventStore, RecordedEvent } from '@goals/event-store';
import { OrganisationReader } from './organisation.reader';
import { goalIdOf, projectEventInBatch } from './projection';
import { asCommands, Change, keys, ModelCommand, READ_MODEL_LAYOUT } from './read-model.changes';
import { dropReadModels } from './read-model.drop';
import { decodeGoalView, encodeGoalView } from './goal-view.codec';
import { GoalView, ParkedEvent } from './read-model.views';

export interface ProjectorLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectorOptions {
  store: EventStore;
  /** A connection of its own is duplicated from this one, since WATCH belongs to a connection. */
  redis: Redis;
  /** Every read-model key starts with it, e.g. 'rm:'. */
  prefix: string;
  /** Events per MULTI/EXEC. */
  batchSize?: number;
  logger?: ProjectorLogger;
  /** First wait before resubscribing after Redis or the store failed; doubles while failures repeat. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface ProjectorStatus {
  running: boolean;
  caughtUp: boolean;
  /** Position of the last event applied, as a decimal string; undefined before the first. */
  checkpoint?: string;
  /** Events applied by this process since it started. */
  applied: number;
  parked: number;
  lastError?: string;
}

class CheckpointMoved extends Error {}

/** The goals, sheets and departments (by id) a batch moved: what the api's live stream filters on. */
export interface ReadModelsMoved {
  position: string;
  goalIds: string[];
  sheetIds: string[];
  departments: string[];
}

function touchedBy(
  events: RecordedEvent[],
  views: Map<string, GoalView | null>,
  names: LegacyNames,
): Omit<ReadModelsMoved, 'position'> {
  const goalIds = new Set<string>();
  const sheetIds = new Set<string>();
  const departments = new Set<string>();
  for (const event of events) {
    const data = event.data as { goalId?: unknown; sheetId?: unknown; departmentId?: unknown; department?: unknown };
    if (typeof data.goalId === 'string') goalIds.add(data.goalId);
    if (typeof data.sheetId === 'string') sheetIds.add(data.sheetId);
    if (typeof data.departmentId === 'string') departments.add(data.departmentId);
    // Delegation events written before ids name the department by its name of the day they were written.
    else if (typeof data.department === 'string') {
      const day =
        typeof event.metadata?.occurredAt === 'string' ? new Date(event.metadata.occurredAt) : event.recordedAt;
      departments.add(names.departmentId(data.department, fiscalYearOfDate(jstDateOf(new Date(day)))));
    }
  }
  for (const goalId of goalIds) {
    const view = views.get(goalId);
    if (view) {
      sheetIds.add(view.sheetId);
      departments.add(view.departmentId);
    }
  }
  return { goalIds: [...goalIds], sheetIds: [...sheetIds], departments: [...departments] };
}

const silent: ProjectorLogger = { log: () => undefined, error: () => undefined };

export class Projector {
  private readonly prefix: string;
  private readonly batchSize: number;
  private readonly logger: ProjectorLogger;
  private readonly consumer: CheckpointedConsumer;
  private readonly organisation: OrganisationReader;
  private connection?: Redis;
  private checkpoint?: bigint;
  private buffer: RecordedEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  /** Resolves once the newest batch's EXEC is on the wire: the next batch may start then. */
  private sent: Promise<void> = Promise.resolve();
  /** Batches handed to Redis and not yet answered. */
  private writing = 0;
  /** Position of the newest event put in a batch (written or not). */
  private queued?: bigint;
  private flushTimer?: NodeJS.Timeout;
  private running = false;
  private failing = false;
  private caughtUp = false;
  private caughtUpWaiters: Array<() => void> = [];
  private applied = 0;
  private parked = 0;
  private lastError?: string;

  constructor(private readonly options: ProjectorOptions) {
    this.prefix = options.prefix;
    this.batchSize = options.batchSize ?? 500;
    this.logger = options.logger ?? silent;
    this.organisation = new OrganisationReader(options.store);
    this.consumer = new CheckpointedConsumer({
      name: 'projector',
      store: options.store,
      logger: this.logger,
      backoff: { minDelayMs: options.retryDelayMs ?? 1000, maxDelayMs: options.maxRetryDelayMs ?? 30_000 },
      loadCheckpoint: async () => {
        await this.dropOtherLayout();
        const stored = await this.connection!.get(this.prefix + keys.checkpoint);
        this.checkpoint = stored === null ? undefined : BigInt(stored);
        return this.checkpoint;
      },
      onRestart: () => {
        this.caughtUp = false;
        this.failing = false;
        this.buffer = [];
        this.flushing = Promise.resolve();
        this.sent = Promise.resolve();
        this.queued = undefined;
      },
      handle: (event) => this.onEvent(event),
      onCaughtUp: () => {
        this.caughtUp = true;
        void this.flush().then(
          () => {
            if (!this.caughtUp || this.buffer.length > 0) return;
            for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
          },
          () => undefined,
        );
      },
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.connection ??= this.options.redis.duplicate();
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.flushTimer);
    await this.consumer.stop();
    await this.flushing.catch(() => undefined);
    this.buffer = [];
    this.connection?.disconnect();
    this.connection = undefined;
    for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
  }

  /**
   * Read models written by a release that kept other keys (departments and sections by name, before
   * 2026-11-25) are dropped, so they are rebuilt from the first event: upgrading a data folder needs
   * no step of its own.
   */
  private async dropOtherLayout(): Promise<void> {
    const redis = this.connection!;
    const [layout, checkpoint] = await redis.mget(this.prefix + keys.layout, this.prefix + keys.checkpoint);
    if (layout === READ_MODEL_LAYOUT) return;
    if (checkpoint !== null) {
      this.logger.log(`read models of layout ${layout ?? '(names)'} found: rebuilding them as ${READ_MODEL_LAYOUT}`);
      await dropReadModels(redis, this.prefix);
    }
    await redis.set(this.prefix + keys.layout, READ_MODEL_LAYOUT);
  }

  status(): ProjectorStatus {
    return {
      running: this.running,
      caughtUp: this.caughtUp,
      checkpoint: this.checkpoint?.toString(),
      applied: this.applied,
      parked: this.parked,
      lastError: this.lastError,
    };
  }

  /** Resolves once every event stored when it was called (at the latest) has been applied. */
  waitUntilCaughtUp(): Promise<void> {
    if (this.caughtUp && !this.failing && this.buffer.length === 0)
      // A batch that fails (another projector moved the checkpoint) restarts this one from the
      // stored checkpoint: then it is caught up once it has caught up again.
      return this.flushing.then(
        () => undefined,
        () => this.waitUntilCaughtUp(),
      );
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  /**
   * A promise only when a batch is full and the one before it is still being written: the store
   * reads the next batch while Redis applies this one, and waits only when two would be ahead of
   * Redis. A replay then spends its waits on Redis reading the next events instead of idling.
   */
  private onEvent(event: RecordedEvent): Promise<void> | undefined {
    if (this.failing) return;
    const last = this.buffer.length ? this.buffer[this.buffer.length - 1].position : (this.queued ?? this.checkpoint);
    if (last !== undefined && event.position <= last) return; // redelivered
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) {
      const before = this.flushing;
      const writing = this.writing;
      void this.flush().catch(() => undefined);
      return writing > 0 ? before : undefined;
    }
    // Live events arrive one at a time: write them promptly rather than waiting for a full batch.
    if (!this.flushTimer)
      this.flushTimer = setTimeout(() => void this.flush().catch(() => undefined), this.caughtUp ? 0 : 50);
  }

  /**
   * Hands the buffer to Redis. A batch starts as soon as the one before it is on the wire, not
   * answered: its WATCH and reads follow that EXEC on the one connection, so Redis answers them
   * after applying it, and the two waits on Redis become one. It expects the checkpoint the batch
   * before it writes: if that batch is refused, this one finds another checkpoint and stops too.
   */
  private flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const events = this.buffer;
    this.buffer = [];
    if (events.length === 0) return this.flushing;
    const expected = this.queued ?? this.checkpoint;
    this.queued = events[events.length - 1].position;
    this.writing += 1;
    const done = () => void (this.writing -= 1);
    const previous = this.sent;
    let markSent!: () => void;
    this.sent = new Promise<void>((resolve) => (markSent = resolve));
    const written = previous.then(() =>
      this.running && !this.failing ? this.write(events, expected, markSent) : undefined,
    );
    written.then(markSent, markSent);
    written.then(done, done);
    this.flushing = Promise.all([this.flushing, written]).then(() => undefined);
    this.flushing.catch((error: Error) => this.fail(error));
    return this.flushing;
  }

  private async write(events: RecordedEvent[], expected: bigint | undefined, sent: () => void): Promise<void> {
    const redis = this.connection!;
    const checkpointKey = this.prefix + keys.checkpoint;
    const { stored, views } = await this.watchAndLoad(redis, checkpointKey, events);
    if ((stored ?? undefined) !== expected?.toString()) {
      await redis.unwatch();
      throw new CheckpointMoved(`the checkpoint moved to ${stored} under this projector (at ${expected})`);
    }
    const names = await this.organisation.legacyNames();
    const changes: Change[] = [];
    const parked: ParkedEvent[] = [];
    const moved = new Set<string>();
    // The audit lists' pushes, by list: every event goes into two or three, and as changes they were
    // most of a batch's objects, each a key built and looked up again to be merged into one RPUSH.
    const everyPosition: string[] = [];
    const ofGoal = new Map<string, string[]>();
    const ofSheet = new Map<string, string[]>();
    const context = { goal: (goalId: string) => views.get(goalId) ?? undefined, names };
    for (const event of events) {
      try {
        const { changes: eventChanges, view, audit } = projectEventInBatch(event, context);
        if (view) {
          views.set(view.goalId, view);
          moved.add(view.goalId);
        }
        for (const change of eventChanges) changes.push(change);
        const position = event.position.toString();
        everyPosition.push(position);
        if (audit.goalId) listIn(ofGoal, audit.goalId).push(position);
        if (audit.sheetId) listIn(ofSheet, audit.sheetId).push(position);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        parked.push({
          position: event.position.toString(),
          streamId: event.streamId,
          revision: Number(event.revision),
          type: event.type,
          error: message,
        });
      }
    }
    for (const goalId of moved)
      changes.push({ op: 'set', key: keys.goal(goalId), value: encodeGoalView(views.get(goalId)!) });
    const last = events[events.length - 1].position;
    const multi = redis.multi();
    for (const command of asCommands(changes)) applyCommand(multi, this.prefix, command);
    // Only these pushes touch the audit lists, so they commute with every command above.
    if (everyPosition.length > 0) multi.rpush(this.prefix + keys.auditAll, ...everyPosition);
    for (const [goalId, positions] of ofGoal)
      multi.rpush(bytesIfWide(this.prefix + keys.auditOfGoal(goalId)), ...positions);
    for (const [sheetId, positions] of ofSheet)
      multi.rpush(bytesIfWide(this.prefix + keys.auditOfSheet(sheetId)), ...positions);
    for (const p of parked) multi.rpush(this.prefix + keys.parked, JSON.stringify(p));
    multi.set(checkpointKey, last.toString());
    const execution = multi.exec();
    sent();
    // What moved is said after the EXEC, but taken now: nothing then holds the batch's events and
    // views while Redis applies it, and a scavenge meanwhile need not copy them.
    const count = events.length;
    const touched = JSON.stringify({ position: last.toString(), ...touchedBy(events, views, names) });
    const result = await execution;
    if (result === null) throw new CheckpointMoved('another projector wrote the checkpoint during this batch');
    const failed = result.find(([error]) => error);
    if (failed) throw failed[0]!;
    this.checkpoint = last;
    this.applied += count;
    this.parked += parked.length;
    // Said only once the batch is written: a batch dropped because another projector moved the
    // checkpoint parked nothing, and must not report that it did.
    for (const p of parked)
      this.logger.error(`parked ${p.type} at position ${p.position} (${p.streamId}@${p.revision}): ${p.error}`);
    // Tell open browsers what moved, once it is readable; a lost message only delays a refresh.
    redis.publish(this.prefix + keys.changesChannel, touched).catch(() => undefined);
  }

  /**
   * WATCHes the checkpoint, reads it and the views of the batch's goals in one round trip (a
   * rebuild makes a thousand batches: three round trips each were a third of its waiting).
   */
  private async watchAndLoad(
    redis: Redis,
    checkpointKey: string,
    events: RecordedEvent[],
  ): Promise<{ stored: string | null; views: Map<string, GoalView | null> }> {
    const goalIds = [...new Set(events.map(goalIdOf).filter((g): g is string => g !== undefined))];
    const pipeline = redis.pipeline().watch(checkpointKey).get(checkpointKey);
    if (goalIds.length > 0) pipeline.mget(goalIds.map((g) => this.prefix + keys.goal(g)));
    const replies = (await pipeline.exec())!;
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0]!;
    const views = new Map<string, GoalView | null>();
    const values = goalIds.length > 0 ? (replies[2][1] as Array<string | null>) : [];
    goalIds.forEach((g, i) => {
      const value = values[i];
      views.set(g, value === null ? null : decodeGoalView(value));
    });
    return { stored: replies[1][1] as string | null, views };
  }

  /** Redis failed under a batch: drop what is in flight and resume from the stored checkpoint. */
  private fail(error: Error): void {
    if (!this.running || this.failing) return;
    this.failing = true;
    this.lastError = error.message;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.buffer = [];
    this.consumer.restart(error, { immediately: error instanceof CheckpointMoved });
  }
}

function listIn(lists: Map<string, string[]>, id: string): string[] {
  let list = lists.get(id);
  if (!list) lists.set(id, (list = []));
  return list;
}

type Multi = ReturnType<Redis['multi']>;

/**
 * Text with any character outside printable ASCII (a goal's title, a sheet's head) goes as its UTF-8
 * bytes (a control character or DEL as well: harmless, and the test stays a plain range).
 */
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;
const bytesIfWide = (value: string): string | Buffer => (NON_ASCII.test(value) ? Buffer.from(value, 'utf8') : value);

/**
 * One command of a batch onto the MULTI. Keys and values that hold Japanese (a goal's view, the
 * section 共通 in a key) are handed to ioredis as bytes:
 * ioredis joins a whole MULTI into one string before writing it, and one wide character made that
 * string two bytes a character, which Node then encoded to UTF-8 byte by byte (profiled: a ninth of
 * a rebuild's CPU). The bytes sent are the same.
 */
export function applyCommand(multi: Multi, prefix: string, command: ModelCommand): void {
  switch (command.op) {
    case 'mset': {
      const args: Array<string | Buffer> = [];
      for (const { key, value } of command.entries) args.push(bytesIfWide(prefix + key), bytesIfWide(value));
      multi.mset(...args);
      return;
    }
    case 'del':
      multi.del(bytesIfWide(prefix + command.key));
      return;
    case 'hset': {
      const args: Array<string | Buffer> = [];
      for (const [field, value] of Object.entries(command.fields)) args.push(bytesIfWide(field), bytesIfWide(value));
      multi.hset(bytesIfWide(prefix + command.key), ...args);
      return;
    }
    case 'zadd':
      multi.zadd(
        bytesIfWide(prefix + command.key),
        ...command.pairs.map((p) => (typeof p === 'string' ? bytesIfWide(p) : p)),
      );
      return;
    case 'zrem':
      multi.zrem(bytesIfWide(prefix + command.key), ...command.members.map(bytesIfWide));
      return;
    case 'rpush':
      multi.rpush(bytesIfWide(prefix + command.key), ...command.values);
      return;
  }
}
