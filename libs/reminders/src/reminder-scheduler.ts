/**
 * Keeps BullMQ's delayed jobs equal to what the reminder policy wants, goal by goal, following the
 * event store. Every step is idempotent (job ids are deterministic, removal of a missing job is a
 * no-op), so replaying events after a crash, or rebuilding while live, schedules nothing twice.
 */
import { createHash } from 'node:crypto';
import { midYearRemindersDue, remindersDue } from '@goals/domain';
import { legacyNamesOf, OrganisationReader } from '@goals/read-models';
import { CheckpointedConsumer, EventStore, readAllForwards, RecordedEvent } from '@goals/event-store';
import { Clock } from '@goals/platform';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { goalIdOfStream, readGoalReminderState } from './goal-reminder-state.reader';
import { readMidYearReminders, sheetIdOfYearStream } from './mid-year-reminder-state.reader';
import { checkRedisForReminders, connectRedis } from './redis-connection';
import { ReminderJobData } from './reminder-job';
import { consoleLogger, RemindersOptions, ReminderLogger } from './reminders.options';

/**
 * Raise it with any change to which reminders the policy wants (remindersDue, midYearRemindersDue):
 * a scheduler finding a schedule made under another version reconciles every goal again at start.
 */
export const REMINDER_POLICY_VERSION = 1;

export interface ScheduleChange {
  scheduled: number;
  removed: number;
}

export interface RebuildResult extends ScheduleChange {
  goals: number;
}

/**
 * What the scheduler is doing, for /health: reconciling the whole schedule after it took over (in
 * the background, the api already answering), or following new events.
 */
export interface SchedulerStatus {
  phase: 'stopped' | 'catching-up' | 'following';
  /** While catching up: goals reconciled so far, of how many (undefined while still reading the store). */
  reconciled?: number;
  goals?: number;
  since?: string;
}

export class ReminderScheduler {
  private readonly redis: IORedis;
  private readonly organisation: OrganisationReader;
  readonly queue: Queue<ReminderJobData>;
  private readonly consumer: CheckpointedConsumer;
  private catchingUp?: {
    stopped: boolean;
    done: Promise<void>;
    progress: { reconciled: number; goals?: number };
    since: Date;
  };
  private following = false;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly options: Pick<
      RemindersOptions,
      'redisUrl' | 'redisMode' | 'queueName' | 'keyPrefix' | 'settings' | 'attempts' | 'backoffMs' | 'rebuildOnStart'
    >,
    private readonly logger: ReminderLogger = consoleLogger,
  ) {
    this.redis = connectRedis(options.redisUrl);
    this.organisation = new OrganisationReader(store);
    this.queue = new Queue<ReminderJobData>(options.queueName, {
      connection: this.redis,
      prefix: options.keyPrefix,
      defaultJobOptions: {
        attempts: options.attempts ?? 5,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 30_000 },
        // Sent reminders are in the event store; the queue keeps a short history only.
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        // Failed deliveries stay until someone retries them (the admin endpoint).
        removeOnFail: false,
      },
    });
    this.consumer = new CheckpointedConsumer({
      name: 'reminder scheduler',
      store,
      logger,
      backoff: { minDelayMs: 1000, maxDelayMs: 30_000 },
      loadCheckpoint: async () => {
        const saved = await this.redis.get(this.checkpointKey);
        return saved === null ? undefined : BigInt(saved);
      },
      handle: (event) => this.onEvent(event),
    });
  }

  /**
   * Checks Redis, reconciles the whole schedule with the events, then follows new events from the
   * checkpoint. With `wait: false` it resolves once that work has begun: the reconciliation reads
   * every event and every goal (a minute at a million events), which neither the api's start nor
   * the lease's renewal should wait for; status() says how far it is.
   */
  async start({ wait = true }: { wait?: boolean } = {}): Promise<void> {
    await checkRedisForReminders(this.redis, this.options.redisMode, this.logger);
    const run = { stopped: false, done: Promise.resolve(), progress: { reconciled: 0 }, since: new Date() };
    this.catchingUp = run;
    const done = this.catchUp(run);
    run.done = done.catch((error: Error) => {
      if (this.catchingUp === run) this.catchingUp = undefined;
      if (!run.stopped && !wait) this.logger.error(`the reminder schedule could not catch up: ${error.message}`);
    });
    if (wait) await done;
  }

  /**
   * The whole schedule is reconciled only when the queue cannot be trusted to match the events up to
   * the checkpoint: no checkpoint (a new or emptied Redis), or a schedule made under other settings
   * or another version of the policy. Otherwise the queue and the checkpoint live in the same Redis
   * and were written together, and following on from the checkpoint is enough: a restart at a
   * million events no longer reconciles 146k goals in the background (minutes of work).
   */
  private async catchUp(run: NonNullable<ReminderScheduler['catchingUp']>): Promise<void> {
    const basis = this.scheduleBasis();
    const [checkpoint, madeUnder] = await this.redis.mget(this.checkpointKey, this.basisKey);
    if ((this.options.rebuildOnStart ?? true) && (checkpoint === null || madeUnder !== basis)) {
      const result = await this.rebuild({ saveCheckpoint: true, run });
      if (run.stopped) return;
      await this.redis.set(this.basisKey, basis);
      this.logger.log(
        `schedule rebuilt: ${result.goals} goals, ${result.scheduled} reminders scheduled, ${result.removed} removed`,
      );
    }
    if (run.stopped) return;
    await this.consumer.start();
    this.following = true;
    if (this.catchingUp === run) this.catchingUp = undefined;
  }

  status(): SchedulerStatus {
    const run = this.catchingUp;
    if (run && !run.stopped) return { phase: 'catching-up', ...run.progress, since: run.since.toISOString() };
    return { phase: this.following ? 'following' : 'stopped' };
  }

  /**
   * Stops following the store but keeps the connections, so start() may follow again: another
   * process took over as the one scheduler (the lease), or a rebuild paused it.
   */
  async stopFollowing(): Promise<void> {
    const run = this.catchingUp;
    if (run) {
      run.stopped = true;
      await run.done;
      this.catchingUp = undefined;
    }
    this.following = false;
    await this.consumer.stop();
  }

  async stop(): Promise<void> {
    await this.stopFollowing();
    await this.queue.close();
    this.redis.disconnect();
  }

  /**
   * Reconciles every goal in the store with the queue. Safe to run at any time and any number of
   * times: the live subscription may reconcile the same goal concurrently with the same result.
   */
  async rebuild({
    saveCheckpoint = false,
    run,
  }: {
    saveCheckpoint?: boolean;
    run?: { stopped: boolean; progress: { reconciled: number; goals?: number } };
  } = {}): Promise<RebuildResult> {
    const goals = new Set<string>();
    const sheets = new Set<string>();
    let position: bigint | undefined;
    const page = 1000;
    // Page by page, each page a bounded read, yielding in between: the process keeps answering.
    let read = 0;
    for await (const e of readAllForwards(this.store, { pageSize: page })) {
      if (run?.stopped) break;
      if (++read % page === 0) await yieldToEventLoop();
      const goalId = goalIdOfStream(e.streamId);
      if (goalId) goals.add(goalId);
      const sheetId = sheetIdOfYearStream(e.streamId);
      if (sheetId) sheets.add(sheetId);
      position = e.position;
    }
    const total: RebuildResult = { goals: goals.size, scheduled: 0, removed: 0 };
    if (run) run.progress.goals = goals.size;
    for (const goalId of goals) {
      if (run?.stopped) return total;
      if (run) run.progress.reconciled += 1;
      const change = await this.reconcileGoal(goalId);
      total.scheduled += change.scheduled;
      total.removed += change.removed;
    }
    if (run?.stopped) return total;
    for (const sheetId of sheets) {
      if (run?.stopped) return total;
      const change = await this.reconcileMidYear(sheetId);
      total.scheduled += change.scheduled;
      total.removed += change.removed;
    }
    if (saveCheckpoint && position !== undefined) await this.redis.set(this.checkpointKey, position.toString());
    return total;
  }

  /** Adds the jobs the policy wants for this goal and removes those it no longer wants. */
  async reconcileGoal(goalId: string): Promise<ScheduleChange> {
    const organisation = await this.organisation.current();
    const state = await readGoalReminderState(this.store, goalId, legacyNamesOf(organisation));
    const now = this.clock.now();
    const wanted = state ? remindersDue(state, now, organisation, this.options.settings) : [];
    return this.reconcile(
      this.goalIndexKey(goalId),
      wanted.map((r) => ({
        id: r.id,
        dueAt: r.dueAt,
        data: { reminderId: r.id, goalId, kind: r.kind, dueAt: r.dueAt },
      })),
      now,
    );
  }

  /** The same for a sheet's 中間報告 reminders: one per window and section that has not reported. */
  async reconcileMidYear(sheetId: string): Promise<ScheduleChange> {
    const organisation = await this.organisation.current();
    const read = await readMidYearReminders(this.store, sheetId, legacyNamesOf(organisation));
    const now = this.clock.now();
    const wanted = read ? midYearRemindersDue(read.input, now, organisation, this.options.settings) : [];
    return this.reconcile(
      this.sheetIndexKey(sheetId),
      wanted.map((r) => ({
        id: r.id,
        dueAt: r.dueAt,
        data: { reminderId: r.id, goalId: '', sheetId, kind: 'midYearReport' as const, dueAt: r.dueAt },
      })),
      now,
    );
  }

  private async reconcile(
    indexKey: string,
    wanted: { id: string; dueAt: string; data: ReminderJobData }[],
    now: Date,
  ): Promise<ScheduleChange> {
    const known = new Set(await this.redis.smembers(indexKey));
    let scheduled = 0;
    for (const r of wanted) {
      if (!known.has(r.id)) {
        // Index first: a crash between the two leaves an id to clean up, never an untracked job.
        await this.redis.sadd(indexKey, r.id);
      }
      const data = r.data;
      // Same id as an existing job (waiting, delayed, failed, kept completed): BullMQ adds nothing.
      const existing = await this.queue.getJobState(r.id);
      if (existing !== 'unknown') continue;
      await this.queue.add(data.kind, data, { jobId: r.id, delay: Math.max(0, Date.parse(r.dueAt) - now.getTime()) });
      scheduled += 1;
    }
    let removed = 0;
    const wantedIds = new Set(wanted.map((r) => r.id));
    for (const id of known) {
      if (wantedIds.has(id)) continue;
      // Only jobs not yet picked up are withdrawn: a failed one stays visible, an active one is
      // re-checked by the notifier before it sends anything.
      const state = await this.queue.getJobState(id);
      if (state === 'delayed' || state === 'waiting' || state === 'prioritized') {
        removed += await this.queue.remove(id).catch(() => 0);
      }
      await this.redis.srem(indexKey, id);
    }
    return { scheduled, removed };
  }

  private async onEvent(event: RecordedEvent): Promise<void> {
    const goalId = goalIdOfStream(event.streamId);
    if (goalId) await this.reconcileGoal(goalId);
    const sheetId = sheetIdOfYearStream(event.streamId);
    if (sheetId) await this.reconcileMidYear(sheetId);
    await this.redis.set(this.checkpointKey, event.position.toString());
  }

  /** What a schedule was made under: the reminder settings and the policy's version. */
  private scheduleBasis(): string {
    return createHash('sha256')
      .update(JSON.stringify({ policy: REMINDER_POLICY_VERSION, settings: this.options.settings }))
      .digest('hex');
  }

  private get basisKey(): string {
    return `${this.options.keyPrefix}:${this.options.queueName}:scheduler:basis`;
  }

  private get checkpointKey(): string {
    return `${this.options.keyPrefix}:${this.options.queueName}:scheduler:checkpoint`;
  }

  private sheetIndexKey(sheetId: string): string {
    return `${this.options.keyPrefix}:${this.options.queueName}:scheduler:midyear:${sheetId}`;
  }

  private goalIndexKey(goalId: string): string {
    return `${this.options.keyPrefix}:${this.options.queueName}:scheduler:goal:${goalId}`;
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
