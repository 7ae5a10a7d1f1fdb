/**
 * The BullMQ worker that sends due reminders. It trusts nothing in the job but its keys: it re-reads
 * the goal's stream and asks the policy again, so a reminder made moot after it was queued (the
 * achievement was recorded, the submission decided) is dropped, and one already recorded as sent is
 * never sent again. Channels already done are kept in the job's progress, so a retry after a webhook
 * failure does not e-mail everyone a second time. A clear refusal is retried automatically; a
 * delivery whose outcome is unknown (the server's answer never came) is not, and waits, listed as
 * `unknown`, for an administrator: every attempt carries the same Message-ID, so a mail system that
 * de-duplicates shows it once even then.
 */
import { ExistingGoal, midYearRemindersDue, ReminderSent, remindersDue } from '@goals/domain';
import { legacyNamesOf, OrganisationReader } from '@goals/read-models';
import { EventStore, StoreCannotWrite } from '@goals/event-store';
import { Clock } from '@goals/platform';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { readGoalNumber, readGoalReminders } from './goal-reminder-state.reader';
import { composeMidYearMessage, recordMidYearReminderSent } from './mid-year-reminder';
import { readMidYearReminders } from './mid-year-reminder-state.reader';
import { ReminderMessage } from './reminder-message';
import { DeliveryUnknown, NotificationChannel } from './notification-channel';
import { checkRedisForReminders, connectRedis } from './redis-connection';
import { composeReminderMessage, namesOfGoal } from './reminder-message';
import { ReminderJobData, ReminderJobOutcome } from './reminder-job';
import { recordReminderSent } from './reminder-record';
import { consoleLogger, RemindersOptions, ReminderLogger } from './reminders.options';

export interface FailedReminder {
  jobId: string;
  goalId: string;
  kind: string;
  dueAt: string;
  failedReason: string;
  attemptsMade: number;
  /** ISO instant of the last failure. */
  failedAt?: string;
  /** Channels that had already delivered before the failure. */
  delivered: string[];
  /**
   * `failed`: every attempt was refused, nothing went out through the failing channel.
   * `unknown`: the server's answer never came, so it may have gone out; not retried automatically.
   */
  state: 'failed' | 'unknown';
  /** Channels whose delivery is unknown. */
  unknown: string[];
}

interface DeliveryProgress {
  delivered: string[];
  unknown?: string[];
}

export class ReminderNotifier {
  private readonly organisation: OrganisationReader;
  private readonly queueConnection: IORedis;
  private readonly workerConnection: IORedis;
  private readonly queue: Queue<ReminderJobData>;
  private worker?: Worker<ReminderJobData, ReminderJobOutcome>;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly channels: NotificationChannel[],
    private readonly options: Pick<
      RemindersOptions,
      'redisUrl' | 'redisMode' | 'queueName' | 'keyPrefix' | 'settings' | 'concurrency' | 'lockMs' | 'diskReserve'
    >,
    private readonly logger: ReminderLogger = consoleLogger,
  ) {
    this.organisation = new OrganisationReader(store);
    this.queueConnection = connectRedis(options.redisUrl);
    this.workerConnection = connectRedis(options.redisUrl);
    this.queue = new Queue<ReminderJobData>(options.queueName, {
      connection: this.queueConnection,
      prefix: options.keyPrefix,
    });
  }

  async start(): Promise<void> {
    await checkRedisForReminders(this.queueConnection, this.options.redisMode, this.logger);
    // In the background: writing the room kept back must not hold up the start.
    void this.options.diskReserve?.keep().then(
      (kept) => kept || this.logger.warn(`no room kept back on the data disk (${this.options.diskReserve!.file})`),
      (error: Error) => this.logger.warn(`no room kept back on the data disk: ${error.message}`),
    );
    const worker = new Worker<ReminderJobData, ReminderJobOutcome>(this.options.queueName, (job) => this.deliver(job), {
      connection: this.workerConnection,
      prefix: this.options.keyPrefix,
      concurrency: this.options.concurrency ?? 5,
      // A delivery held by a process that died (kill -9) is handed to another after about this long;
      // a live process renews its lock every half of it, however long the SMTP server takes.
      lockDuration: this.options.lockMs ?? 30_000,
      stalledInterval: this.options.lockMs ?? 30_000,
      autorun: false,
    });
    // A Worker without an 'error' listener would crash the process on a Redis disconnect; it
    // reconnects by itself, so logging is enough.
    worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    worker.on('failed', (job, error) =>
      this.logger.warn(`reminder ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    this.worker = worker;
    void worker.run().catch((error: Error) => this.logger.error(`worker stopped: ${error.message}`));
    await worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
    await this.queue.close();
    for (const channel of this.channels) await channel.close?.();
    this.workerConnection.disconnect();
    this.queueConnection.disconnect();
  }

  /** Deliveries that ran out of attempts, newest first, for the admin endpoint. */
  async listFailed(): Promise<FailedReminder[]> {
    const jobs = (await this.queue.getFailed(0, -1)) as Job<ReminderJobData>[];
    return jobs.map((job) => ({
      jobId: job.id!,
      goalId: job.data.goalId,
      kind: job.data.kind,
      dueAt: job.data.dueAt,
      failedReason: job.failedReason,
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
      delivered: deliveredOf(job),
      state: unknownOf(job).length ? 'unknown' : 'failed',
      unknown: unknownOf(job),
    }));
  }

  /** Puts failed deliveries back in the queue: one by id, or all of them. Returns how many. */
  async retryFailed(jobId?: string): Promise<number> {
    const jobs = jobId
      ? [await this.queue.getJob(jobId)].filter((j): j is Job<ReminderJobData> => j !== undefined)
      : ((await this.queue.getFailed(0, -1)) as Job<ReminderJobData>[]);
    let retried = 0;
    for (const job of jobs) {
      if ((await job.getState()) !== 'failed') continue;
      await job.retry('failed');
      retried += 1;
    }
    return retried;
  }

  private async deliver(job: Job<ReminderJobData>): Promise<ReminderJobOutcome> {
    if (job.data.kind === 'midYearReport') return this.deliverMidYear(job);
    const { reminderId, goalId, dueAt } = job.data;
    // Recipients are whoever holds the posts on the day it is due, in the directory as it is now.
    const organisation = await this.organisation.current();
    const names = legacyNamesOf(organisation);
    const read = await readGoalReminders(this.store, goalId, names);
    if (!read || read.state.goal.status === 'none') return 'moot';
    const { state } = read;
    if (state.sent.includes(reminderId)) return 'alreadySent';
    // Asked as of the due time at the earliest: a job promoted a moment early is still wanted.
    const at = new Date(Math.max(this.clock.now().getTime(), Date.parse(dueAt)));
    const reminder = remindersDue(state, at, organisation, this.options.settings).find((r) => r.id === reminderId);
    if (!reminder) return 'moot';

    const goal = state.goal as ExistingGoal;
    const message = composeReminderMessage(
      reminder,
      goal,
      await readGoalNumber(this.store, goal.sheetId, goalId, names),
      namesOfGoal(organisation, goal),
    );
    const sent = (deliveredThrough: string[]): ReminderSent => ({
      type: 'ReminderSent',
      data: {
        goalId,
        reminderId,
        kind: reminder.kind,
        dueAt: reminder.dueAt,
        recipients: reminder.recipients.map((r) => ({ userId: r.userId, ...(r.email ? { email: r.email } : {}) })),
        deliveredThrough,
      },
    });
    return this.sendAndRecord(job, message, (delivered) =>
      recordReminderSent(this.store, sent(delivered), this.clock.now(), read.reminders.revision),
    );
  }

  /**
   * Through every channel not yet done for this job (kept in the job's progress), then `record`.
   *
   * Nothing goes out that could not be recorded: with the event store's disk full, or Redis refusing
   * writes (MISCONF, its own disk full), a message sent now could not be marked as sent and would go
   * out again at the next attempt; the job waits for its retry instead. Should Redis stop keeping the
   * progress after a channel delivered, the event store is the record of delivery, at once, and the
   * channels not yet used are skipped. Should the disk fill between the send and its record, the room
   * kept back on it is given up for the record.
   */
  private async sendAndRecord(
    job: Job<ReminderJobData>,
    message: ReminderMessage,
    record: (delivered: string[]) => Promise<boolean>,
  ): Promise<ReminderJobOutcome> {
    const { reminderId } = job.data;
    const delivered = deliveredOf(job);
    const health = await this.store.writable?.();
    if (health && !health.writable) throw new Error(`not sent, its delivery could not be recorded: ${health.reason}`);
    await job.updateProgress({ delivered } satisfies DeliveryProgress);
    for (const channel of this.channels) {
      if (delivered.includes(channel.name)) continue;
      try {
        if (await channel.send(message)) delivered.push(channel.name);
      } catch (error) {
        if (!(error instanceof DeliveryUnknown)) throw error;
        // No automatic retry: the message may be in the recipients' mailboxes already.
        await job.updateProgress({ delivered, unknown: [channel.name] } satisfies DeliveryProgress);
        throw new UnrecoverableError(error.message);
      }
      try {
        await job.updateProgress({ delivered } satisfies DeliveryProgress);
      } catch (error) {
        this.logger.warn(`reminder ${reminderId}: progress not kept (${(error as Error).message}); recorded as sent`);
        break;
      }
    }
    const recorded = await this.recordEvenOnAFullDisk(reminderId, () => record(delivered));
    const through = delivered.join(', ') || 'no channel';
    this.logger.log(`reminder ${reminderId} ${recorded ? 'sent' : 'was already recorded'} through ${through}`);
    return recorded ? 'sent' : 'alreadySent';
  }

  private async recordEvenOnAFullDisk(reminderId: string, record: () => Promise<boolean>): Promise<boolean> {
    try {
      return await record();
    } catch (error) {
      const reserve = this.options.diskReserve;
      if (!(error instanceof StoreCannotWrite && error.reason === 'full') || !reserve || !(await reserve.release()))
        throw error;
      this.logger.error(
        `reminder ${reminderId} went out on a disk that filled meanwhile: gave up the room kept back (${reserve.file}) to record it; free space on the data disk`,
      );
      return record();
    }
  }

  /** A 中間報告 reminder: asked again of the policy at send time, so a report submitted meanwhile ends it. */
  private async deliverMidYear(job: Job<ReminderJobData>): Promise<ReminderJobOutcome> {
    const { reminderId, sheetId, dueAt } = job.data;
    const organisation = await this.organisation.current();
    const read = sheetId ? await readMidYearReminders(this.store, sheetId, legacyNamesOf(organisation)) : undefined;
    if (!read) return 'moot';
    if (read.input.sent.includes(reminderId)) return 'alreadySent';
    const at = new Date(Math.max(this.clock.now().getTime(), Date.parse(dueAt)));
    const reminder = midYearRemindersDue(read.input, at, organisation, this.options.settings).find(
      (r) => r.id === reminderId,
    );
    if (!reminder) return 'moot';
    return this.sendAndRecord(job, composeMidYearMessage(reminder, read, organisation), (delivered) =>
      recordMidYearReminderSent(
        this.store,
        {
          type: 'MidYearReminderSent',
          data: {
            sheetId: reminder.sheetId,
            window: reminder.window,
            sectionId: reminder.sectionId,
            reminderId,
            dueAt: reminder.dueAt,
            recipients: reminder.recipients.map((r) => ({ userId: r.userId, ...(r.email ? { email: r.email } : {}) })),
            deliveredThrough: delivered,
          },
        },
        this.clock.now(),
        read.reminders.revision,
      ),
    );
  }
}

function unknownOf(job: Job): string[] {
  const progress = job.progress as Partial<DeliveryProgress> | number | undefined;
  return typeof progress === 'object' && Array.isArray(progress.unknown) ? [...progress.unknown] : [];
}

function deliveredOf(job: Job): string[] {
  const progress = job.progress as Partial<DeliveryProgress> | number | undefined;
  return typeof progress === 'object' && Array.isArray(progress.delivered) ? [...progress.delivered] : [];
}
