import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore, lastEventPosition, WriteHealth } from '@goals/event-store';
import { ProjectorService, REDIS } from '@goals/infrastructure';
import { ReminderScheduler } from '@goals/reminders';
import { Public } from '../auth/auth.guard';
import { ApiAnswers } from '../http/openapi.schemas';

/** Each check gets this long; the checks run side by side, so /health answers within a second. */
export const HEALTH_CHECK_TIMEOUT_MS = 700;

interface CheckResult<T> {
  status: 'ok' | 'down';
  latencyMs?: number;
  error?: string;
  value?: T;
}

async function timed<T>(check: () => Promise<T>): Promise<CheckResult<T>> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)),
      HEALTH_CHECK_TIMEOUT_MS,
    );
  });
  try {
    const value = await Promise.race([check(), timeout]);
    return { status: 'ok', latencyMs: Date.now() - started, value };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() private readonly projector?: ProjectorService,
    @Optional() private readonly reminders?: ReminderScheduler,
  ) {}

  @ApiAnswers('Health', { description: 'ok; the same body with 503 when degraded' })
  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Liveness and readiness of the event store (readable and accepting writes), Redis and the projector (with its lag)',
  })
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    const [store, writes, redis] = await Promise.all([
      // The newest event a projector can see: EventStoreDB's own system events are never projected.
      timed(() => lastEventPosition(this.store)),
      timed((): Promise<WriteHealth> => this.store.writable?.() ?? Promise.resolve({ writable: true })),
      timed(() => this.redis.ping()),
    ]);
    const writable = writes.value?.writable === true;
    const last = store.value;
    const projector = this.projector?.status();
    // Lag in events is not computable from opaque positions; "behind" says whether it has seen the last one.
    const projection = projector
      ? {
          status: projector.running || projector.standby ? 'ok' : 'down',
          active: projector.running,
          caughtUp: projector.caughtUp,
          checkpoint: projector.checkpoint ?? null,
          lastEventPosition: last?.toString() ?? null,
          behind:
            projector.running &&
            last !== undefined &&
            (projector.checkpoint === undefined || BigInt(projector.checkpoint) < last),
          parked: projector.parked,
        }
      : { status: 'elsewhere' as const };
    const ok = store.status === 'ok' && writable && redis.status === 'ok' && projection.status !== 'down';
    if (!ok) reply.status(503);
    return {
      status: ok ? 'ok' : 'degraded',
      eventStore: {
        status: store.status === 'ok' && writable ? 'ok' : 'down',
        latencyMs: store.latencyMs,
        acceptsWrites: writable,
        error: store.error ?? writes.error ?? writes.value?.reason,
      },
      redis: { status: redis.status, latencyMs: redis.latencyMs, error: redis.error },
      projector: projection,
      // Catching up is not a fault: the schedule is reconciled in the background after a start.
      ...(this.reminders ? { reminders: this.reminders.status() } : {}),
    };
  }
}
