/**
 * The hash-chain check as an auditor uses it at a shared service's scale. A verification walks the
 * store page by page, letting the process answer between pages, and leaves a checkpoint (the
 * position reached, every stream's chain head, a digest over them, chained to the checkpoint
 * before): a repeated verification checks only the events since. Whether an event before the
 * checkpoint was altered since is the full re-verification's question: it walks everything again,
 * in the background, with progress (events checked, an estimate of the time left) and can be
 * cancelled.
 *
 * The checkpoint is kept under DATA_DIR (saved-checkpoint.ts), so a restart does not mean walking
 * everything again.
 */
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ChainBreak,
  EVENT_STORE,
  headsDigestInSlices,
  EventStore,
  lastEventPosition,
  nextCheckpoint,
  VerifiedCheckpoint,
  verifySqliteFile,
  VerifyOptions,
  verifyStore,
  VerifyWalk,
} from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { CheckpointPoint, loadCheckpoint, saveCheckpoint } from './saved-checkpoint';

export interface Verification {
  ok: boolean;
  /** Events verified in all: those before the checkpoint and those checked now. */
  checked: number;
  /** Events read by this call: only those since the last checkpoint, when there was one. */
  walked: number;
  firstBreak?: ChainBreak;
  checkpoint?: VerifiedCheckpoint;
}

export interface FullVerificationProgress {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** 件数: events checked so far. */
  checked: number;
  /** Events in the store when it started, estimated from positions. */
  estimatedTotal?: number;
  /** 残り時間, estimated from the pace so far. */
  remainingSeconds?: number;
  startedAt?: string;
  finishedAt?: string;
  ok?: boolean;
  firstBreak?: ChainBreak;
  error?: string;
}

/** Events on from a checkpoint that are checked on the api's thread rather than in a worker. */
const SHORT_WALK = 20_000n;

@Injectable()
export class StoreVerifier {
  private readonly logger = new Logger(StoreVerifier.name);
  private readonly file: string;
  private readonly pace: number;
  /** On the embedded default the walk runs in a worker thread over the same file. */
  private readonly sqliteFile?: string;
  private point?: CheckpointPoint;
  private loaded?: Promise<void>;
  /** Saves one at a time, the newest last: an older checkpoint never overwrites a newer one. */
  private saving: Promise<void> = Promise.resolve();
  /** One verification at a time; a second caller shares the one running. */
  private running?: Promise<Verification>;
  private full: FullVerificationProgress = { state: 'idle', checked: 0 };
  private fullRun?: { signal: { cancelled: boolean }; done: Promise<void> };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.file = join(config.dataDir, 'verify-checkpoint.json');
    this.pace = config.audit.fullVerifyEventsPerSecond;
    if (config.eventStore.kind === 'sqlite') this.sqliteFile = config.eventStore.file;
  }

  /**
   * Walks the chains off the api's thread where the store is a file another connection can read
   * (SQLite): a million events take the worker tens of seconds of CPU that requests no longer wait
   * behind. EventStoreDB's walk stays here: it is reads over the network, answered between pages.
   */
  private walk(options: VerifyOptions, newest?: bigint): Promise<VerifyWalk> {
    // A short walk on from a checkpoint stays here: handing every chain head to a worker and back
    // costs more than checking a few thousand events (SQLite's positions count its events).
    const after = options.after?.position;
    const short = after !== undefined && newest !== undefined && newest - after <= SHORT_WALK;
    return this.sqliteFile && !short ? verifySqliteFile(this.sqliteFile, options) : verifyStore(this.store, options);
  }

  /** Checks what came since the last checkpoint (everything, the first time) and moves the checkpoint on. */
  verify(): Promise<Verification> {
    this.running ??= this.walkNew().finally(() => (this.running = undefined));
    return this.running;
  }

  private loadSaved(): Promise<void> {
    this.loaded ??= loadCheckpoint(this.file, this.store).then(
      ({ point, setAside }) => {
        if (setAside)
          this.logger.warn(`verification checkpoint ${this.file} set aside (${setAside}): walking everything`);
        if (point && !this.point) this.point = point;
      },
      (error: Error) => this.logger.warn(`verification checkpoint not read: ${error.message}`),
    );
    return this.loaded;
  }

  private async walkNew(): Promise<Verification> {
    await this.loadSaved();
    const point = this.point;
    const newest = point ? await lastEventPosition(this.store) : undefined;
    if (point && (newest === undefined || newest <= point.position))
      return { ok: true, checked: point.events, walked: 0, checkpoint: point.record };
    const walk = await this.walk(point ? { after: { position: point.position, heads: point.heads } } : {}, newest);
    const before = point?.events ?? 0;
    if (!walk.ok)
      return { ok: false, checked: before + walk.checked, walked: walk.checked, firstBreak: walk.firstBreak };
    await this.advance(walk, before + walk.checked);
    return { ok: true, checked: before + walk.checked, walked: walk.checked, checkpoint: this.point?.record };
  }

  /** A clean walk's end becomes the checkpoint (chained onto the one before), here and on disk. */
  private async advance(walk: VerifyWalk, events: number): Promise<void> {
    const { position, last, heads } = walk;
    if (position === undefined || !last || (this.point && this.point.position >= position)) return;
    const digest = await headsDigestInSlices(heads);
    // Another walk may have moved the checkpoint on while this one's heads were hashed.
    if (this.point && this.point.position >= position) return;
    const record = nextCheckpoint(this.point?.record, { position, events, headsDigest: digest, at: new Date() });
    const point = { position, events, heads, record, last };
    this.point = point;
    this.saving = this.saving
      .then(() => saveCheckpoint(this.file, point))
      .catch((error: Error) => this.logger.warn(`verification checkpoint not saved: ${error.message}`));
  }

  /** Starts walking the whole store again in the background, unless it already is. */
  startFull(): FullVerificationProgress {
    if (this.fullRun) return this.fullProgress();
    const signal = { cancelled: false };
    const started = Date.now();
    this.full = { state: 'running', checked: 0, startedAt: new Date(started).toISOString() };
    const done = (async () => {
      const last = await lastEventPosition(this.store);
      let first: { checked: number; position: bigint } | undefined;
      const walk = await this.walk({
        signal,
        eventsPerSecond: this.pace,
        onProgress: (checked, position) => {
          first ??= { checked, position };
          const progress = estimate(checked, position, first, last, Date.now() - started);
          this.full = { ...this.full, checked, ...progress };
        },
      });
      const finishedAt = new Date().toISOString();
      if (walk.cancelled) this.full = { ...this.full, state: 'cancelled', checked: walk.checked, finishedAt };
      else {
        this.full = {
          state: 'done',
          checked: walk.checked,
          startedAt: this.full.startedAt,
          finishedAt,
          ok: walk.ok,
          firstBreak: walk.firstBreak,
        };
        // A clean full walk vouches for everything up to where it stopped: a checkpoint from scratch.
        if (walk.ok) await this.advance(walk, walk.checked);
      }
    })()
      .catch((error: Error) => {
        this.full = { ...this.full, state: 'failed', error: error.message, finishedAt: new Date().toISOString() };
      })
      .finally(() => (this.fullRun = undefined));
    this.fullRun = { signal, done };
    return this.fullProgress();
  }

  fullProgress(): FullVerificationProgress {
    return { ...this.full };
  }

  /** Stops the full re-verification at its next page; what it checked so far is reported. */
  async cancelFull(): Promise<FullVerificationProgress> {
    const run = this.fullRun;
    if (run) {
      run.signal.cancelled = true;
      await run.done;
    }
    return this.fullProgress();
  }

  /** Waits for a full re-verification under way (tests, shutdown), and for the checkpoint to be on disk. */
  async fullSettled(): Promise<FullVerificationProgress> {
    await this.fullRun?.done;
    await this.saving;
    return this.fullProgress();
  }

  /**
   * Stops a full re-verification at its page (a worker thread would otherwise keep the process
   * running to its end), and lets a checkpoint being written finish before the process ends.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.cancelFull();
    await this.saving;
  }
}

/**
 * How far along, from positions (they grow with the store on both adapters, though not one by one):
 * the events still to come are the positions left at the density of events per position seen so
 * far, and the time left is theirs at the pace so far.
 */
function estimate(
  checked: number,
  position: bigint,
  first: { checked: number; position: bigint },
  last: bigint | undefined,
  elapsedMs: number,
): Pick<FullVerificationProgress, 'estimatedTotal' | 'remainingSeconds'> {
  const span = Number(position - first.position);
  if (last === undefined || span <= 0 || checked <= first.checked) return {};
  const density = (checked - first.checked) / span;
  const remaining = Math.max(0, Math.round(Number(last - position) * density));
  return {
    estimatedTotal: checked + remaining,
    remainingSeconds: Math.round(((elapsedMs / checked) * remaining) / 1000),
  };
}
