/**
 * One holder at a time among any number of processes: the active projector, the reminder
 * scheduler. The lease is a key set with NX and an expiry, renewed well before it runs out; a
 * holder that cannot renew in time (Redis gone, process paused) counts it as lost and stops, since
 * another process may take it once it expires. A pause (a read-model rebuild, a restore) asks the
 * holder to step down and keeps everyone else from taking it until the pause is lifted.
 *
 * Renewal runs on its own timer, whatever the guarded work is doing: the work starts once the lease
 * is taken but is never awaited by the renewal, so work longer than the lease's lifetime does not
 * lose it (the work must yield to the event loop, in bounded slices, for the timer to fire). The
 * token names the holder (host and pid), so a holder that gives the lease up says who has it.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

export interface LeaseLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface RedisLeaseOptions {
  /** The lease key, e.g. 'rm:lease:projector'. */
  key: string;
  /** How long a lease lasts without renewal. */
  ttlMs?: number;
  /** Called when this process becomes the holder; the lease is held once it resolves. */
  onAcquired: () => Promise<void>;
  /** Called when this process stops being the holder (lost, paused, or stopped). */
  onReleased: () => Promise<void>;
  logger?: LeaseLogger;
}

// Renew (or release) only a lease that is still ours: another holder's is never touched.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const silent: LeaseLogger = { log: () => undefined, warn: () => undefined };

export class RedisLease {
  /** Says who holds the lease to whoever reads the key: host, pid and a nonce. */
  readonly token = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly ttlMs: number;
  private readonly logger: LeaseLogger;
  private timer?: NodeJS.Timeout;
  private running = false;
  private holding = false;
  private renewedAt = 0;
  /** Transitions (acquire, release) run one after the other. */
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.logger = options.logger ?? silent;
  }

  get held(): boolean {
    return this.holding;
  }

  get pauseKey(): string {
    return `${this.options.key}:pause`;
  }

  /** Resolves after the first attempt (and the start of whatever the lease guards, if it was taken). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.tick();
    await this.transition.catch(() => undefined);
  }

  /** Stops trying; a lease held is handed back at once, so another process takes over without waiting. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.transition;
    if (this.holding) await this.release('stopping');
  }

  /** Looks at the lease now rather than at the next round (after a pause was set or lifted). */
  async poke(): Promise<void> {
    if (!this.running) return;
    clearTimeout(this.timer);
    await this.tick();
    await this.transition.catch(() => undefined);
  }

  /**
   * One round: renew the lease held, or try to take it; then again in a third of its lifetime. The
   * next round is set before the guarded work is even started, so the work never delays a renewal.
   */
  private async tick(): Promise<void> {
    if (!this.running) return;
    let acquired = false;
    try {
      const paused = (await this.redis.exists(this.pauseKey)) === 1;
      if (this.holding) {
        if (paused) void this.release('a rebuild asked to pause');
        else if (Number(await this.redis.eval(RENEW, 1, this.options.key, this.token, String(this.ttlMs))) === 1)
          this.renewedAt = Date.now();
        else await this.lost();
      } else if (!paused && (await this.redis.set(this.options.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK') {
        this.renewedAt = Date.now();
        acquired = true;
      }
    } catch (error) {
      // Not renewed: past two thirds of its lifetime another process may take it over soon.
      if (this.holding && Date.now() - this.renewedAt > (this.ttlMs * 2) / 3)
        void this.release(`it could not be renewed (${(error as Error).message})`);
    }
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.holding || acquired ? this.ttlMs / 3 : this.ttlMs / 2);
    if (acquired) void this.acquired();
  }

  /**
   * The renewal found the key not ours. If nobody took it in between (this process was paused past
   * the expiry), it is taken back at once; if another process holds it, this one steps down naming it.
   */
  private async lost(): Promise<void> {
    if ((await this.redis.set(this.options.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK') {
      this.renewedAt = Date.now();
      this.logger.warn(`${this.options.key} expired before it was renewed (this process was paused); taken back`);
      return;
    }
    const holder = await this.redis.get(this.options.key).catch(() => null);
    void this.release(`it expired and ${holder ? `${describeHolder(holder)} holds it now` : 'another process took it'}`);
  }

  private acquired(): Promise<void> {
    this.holding = true;
    this.transition = this.transition.then(async () => {
      this.logger.log(`holding ${this.options.key}`);
      await this.options.onAcquired();
    });
    return this.transition.catch((error: Error) => this.release(`starting failed: ${error.message}`));
  }

  private release(why: string): Promise<void> {
    if (!this.holding) return this.transition;
    this.holding = false;
    this.transition = this.transition.then(async () => {
      this.logger.warn(`gave up ${this.options.key}: ${why}`);
      await this.options.onReleased().catch((e: Error) => this.logger.warn(`stopping after the lease: ${e.message}`));
      await this.redis.eval(RELEASE, 1, this.options.key, this.token).catch(() => undefined);
    });
    return this.transition;
  }
}

/** "pid 123 on host-a", from a token of RedisLease (or the token itself, from another writer). */
export function describeHolder(token: string): string {
  const [host, pid] = token.split(':');
  return /^\d+$/.test(pid ?? '') ? `pid ${pid} on ${host}` : token;
}

/**
 * Pauses every holder of a lease for the duration of `work`, which runs holding it itself: a
 * rebuild that must be the only writer. Waits at most `timeoutMs` for the holder to step down.
 */
export async function withLeasePaused<T>(
  redis: Redis,
  key: string,
  work: () => Promise<T>,
  {
    ttlMs = 10_000,
    timeoutMs = 30_000,
    afterPause,
  }: { ttlMs?: number; timeoutMs?: number; afterPause?: () => Promise<void> } = {},
): Promise<T> {
  const token = randomUUID();
  const pauseKey = `${key}:pause`;
  const deadline = Date.now() + timeoutMs;
  const renewPause = () => redis.set(pauseKey, token, 'PX', ttlMs * 3);
  await renewPause();
  const keepPaused = setInterval(() => void renewPause().catch(() => undefined), ttlMs);
  try {
    await afterPause?.();
    while ((await redis.set(key, token, 'PX', ttlMs * 3, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`${key} is still held by another process after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const keepHeld = setInterval(
      () => void redis.eval(RENEW, 1, key, token, String(ttlMs * 3)).catch(() => undefined),
      ttlMs,
    );
    try {
      return await work();
    } finally {
      clearInterval(keepHeld);
      await redis.eval(RELEASE, 1, key, token);
    }
  } finally {
    clearInterval(keepPaused);
    await redis.eval(RELEASE, 1, pauseKey, token);
  }
}
