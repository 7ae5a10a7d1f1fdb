/**
 * The one way the service follows the store: a catch-up subscription to `$all` from a checkpoint the
 * owner keeps (the projector in its MULTI/EXEC, the reminder scheduler in Redis), resubscribed from
 * that checkpoint whenever anything fails, after a wait that doubles with each failure in a row. Every
 * error it retries is logged with what it will do next: nothing is retried silently.
 *
 * Handlers must tolerate redelivery of the events after the checkpoint (the owner's checkpoint is
 * the truth; what was handled but not yet checkpointed comes again after a restart).
 */
import { EventStore, Position, RecordedEvent, StoreSubscription } from './event-store.port';

export interface ConsumerLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface Backoff {
  /** The first wait after a failure; doubled after each further failure in a row. */
  minDelayMs: number;
  maxDelayMs: number;
}

export interface CheckpointedConsumerOptions {
  /** Names the consumer in every log line, e.g. 'projector'. */
  name: string;
  store: EventStore;
  /** Position of the last event fully handled, exclusive start of the next subscription; undefined: the start. */
  loadCheckpoint(): Promise<Position | undefined>;
  handle(event: RecordedEvent): Promise<void> | void;
  /** Called each time the subscription has delivered history and is live. */
  onCaughtUp?(): void;
  /** Called before every resubscription, to drop what was in flight. */
  onRestart?(): void;
  logger?: ConsumerLogger;
  backoff?: Partial<Backoff>;
}

export interface ConsumerStatus {
  running: boolean;
  /** Failures in a row without the checkpoint moving. */
  failuresInARow: number;
  lastError?: string;
}

const quiet: ConsumerLogger = { log: () => undefined, error: () => undefined };

export class CheckpointedConsumer {
  private readonly logger: ConsumerLogger;
  private readonly backoff: Backoff;
  private subscription?: StoreSubscription;
  private running = false;
  private restarting?: Promise<void>;
  private failuresInARow = 0;
  private lastError?: string;
  private wake?: () => void;
  /** Bumped on every (re)subscription, so a late callback of an old subscription is ignored. */
  private generation = 0;
  private loaded: Position | undefined | 'never' = 'never';

  constructor(private readonly options: CheckpointedConsumerOptions) {
    this.logger = options.logger ?? quiet;
    this.backoff = {
      minDelayMs: options.backoff?.minDelayMs ?? 100,
      maxDelayMs: options.backoff?.maxDelayMs ?? 10_000,
    };
  }

  /** Subscribes from the checkpoint; if loading it fails, keeps retrying in the background (logged). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.subscribe();
    } catch (error) {
      this.restart(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    this.wake?.();
    await this.restarting?.catch(() => undefined);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  status(): ConsumerStatus {
    return { running: this.running, failuresInARow: this.failuresInARow, lastError: this.lastError };
  }

  /**
   * Something failed outside the handler (an asynchronous write of the owner, say): drop the
   * subscription and resubscribe from the stored checkpoint. `immediately` skips the wait, for a
   * failure that says nothing about the health of the store or Redis (another writer moved the checkpoint).
   */
  restart(error: Error, { immediately = false }: { immediately?: boolean } = {}): void {
    if (!this.running || this.restarting) return;
    this.failuresInARow += 1;
    this.lastError = error.message;
    const delay = immediately
      ? 0
      : Math.min(this.backoff.maxDelayMs, this.backoff.minDelayMs * 2 ** (this.failuresInARow - 1));
    this.logger[immediately ? 'log' : 'error'](
      `${this.options.name}: ${error.message}; ` +
        `resubscribing from the checkpoint in ${delay} ms (failure ${this.failuresInARow} in a row)`,
    );
    this.generation += 1;
    this.restarting = (async () => {
      const old = this.subscription;
      this.subscription = undefined;
      await old?.stop().catch(() => undefined);
      await this.pause(delay);
      this.restarting = undefined;
      if (!this.running) return;
      try {
        await this.subscribe();
      } catch (failure) {
        this.restart(failure as Error);
      }
    })();
  }

  private async subscribe(): Promise<void> {
    this.options.onRestart?.();
    const fromPosition = await this.options.loadCheckpoint();
    if (!this.running) return;
    // Progress is the checkpoint moving: failures that leave it where it was (a poison event, Redis
    // down) wait longer each time; once it moves, the next failure starts from the shortest wait.
    if (this.loaded !== 'never' && fromPosition !== this.loaded) this.failuresInARow = 0;
    this.loaded = fromPosition;
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.running;
    this.subscription = this.options.store.subscribeToAll({
      fromPosition,
      // The handler's own answer, awaited by the store only when it is a promise: a rebuild
      // delivers a million events, and each extra await was a promise and a turn of the queue.
      onEvent: (event) => (current() ? this.options.handle(event) : undefined),
      onCaughtUp: () => {
        if (current()) this.options.onCaughtUp?.();
      },
      onError: (error) => {
        if (current()) this.restart(error);
      },
    });
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
