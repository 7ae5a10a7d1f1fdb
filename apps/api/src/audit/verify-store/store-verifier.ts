/**
 * The hash-chain check as an auditor uses it at a shared service's scale. A verification walks the
 * store page by page, letting the process answer between pages, and leaves a checkpoint (the
 * position reached, every stream's chain head, a digest over them, chained to the checkpoint
 * before): a repeated verification checks only the events since. Whether an event before the
 * checkpoint was altered since is the full re-verification's question: it walks everything again,
 * in the background, with progress (events checked, an estimate of the time left) and can be
 * cancelled.
 *
 * The checkpoint lives in this process: after a restart the first verification walks everything.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  ChainBreak,
  ChainHeads,
  EVENT_STORE,
  EventStore,
  lastEventPosition,
  nextCheckpoint,
  VerifiedCheckpoint,
  verifyStore,
} from '@goals/event-store';

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

interface Point {
  position: bigint;
  events: number;
  heads: ChainHeads;
  record: VerifiedCheckpoint;
}

@Injectable()
export class StoreVerifier {
  private point?: Point;
  /** One verification at a time; a second caller shares the one running. */
  private running?: Promise<Verification>;
  private full: FullVerificationProgress = { state: 'idle', checked: 0 };
  private fullRun?: { signal: { cancelled: boolean }; done: Promise<void> };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Checks what came since the last checkpoint (everything, the first time) and moves the checkpoint on. */
  verify(): Promise<Verification> {
    this.running ??= this.walkNew().finally(() => (this.running = undefined));
    return this.running;
  }

  private async walkNew(): Promise<Verification> {
    const point = this.point;
    const walk = await verifyStore(
      this.store,
      point ? { after: { position: point.position, heads: point.heads } } : {},
    );
    const before = point?.events ?? 0;
    if (!walk.ok)
      return { ok: false, checked: before + walk.checked, walked: walk.checked, firstBreak: walk.firstBreak };
    if (walk.position !== undefined) this.advance(walk.position, before + walk.checked, walk.heads);
    return { ok: true, checked: before + walk.checked, walked: walk.checked, checkpoint: this.point?.record };
  }

  private advance(position: bigint, events: number, heads: ChainHeads): void {
    if (this.point && this.point.position >= position) return;
    const record = nextCheckpoint(this.point?.record, { position, events, heads, at: new Date() });
    this.point = { position, events, heads, record };
  }

  /** Starts walking the whole store again in the background, unless it already is. */
  startFull(): FullVerificationProgress {
    if (this.fullRun) return this.fullProgress();
    const signal = { cancelled: false };
    const started = Date.now();
    this.full = { state: 'running', checked: 0, startedAt: new Date(started).toISOString() };
    const done = (async () => {
      const last = await lastEventPosition(this.store);
      let first: bigint | undefined;
      const walk = await verifyStore(this.store, {
        signal,
        onProgress: (checked, position) => {
          first ??= position;
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
        if (walk.ok && walk.position !== undefined && (!this.point || walk.position >= this.point.position)) {
          const point = { position: walk.position, events: walk.checked, heads: walk.heads, at: new Date() };
          this.point = { ...point, record: nextCheckpoint(this.point?.record, point) };
        }
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

  /** Waits for a full re-verification under way (tests, shutdown). */
  async fullSettled(): Promise<FullVerificationProgress> {
    await this.fullRun?.done;
    return this.fullProgress();
  }
}

/** How far along, from positions (they grow with the store on both adapters), and the time left at this pace. */
function estimate(
  checked: number,
  position: bigint,
  first: bigint,
  last: bigint | undefined,
  elapsedMs: number,
): Pick<FullVerificationProgress, 'estimatedTotal' | 'remainingSeconds'> {
  if (last === undefined || last <= first) return {};
  const fraction = Math.min(1, Number(position - first) / Number(last - first));
  if (fraction <= 0) return {};
  return {
    estimatedTotal: Math.max(checked, Math.round(checked / fraction)),
    remainingSeconds: Math.max(0, Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000)),
  };
}
