import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore, lastEventPosition } from '@goals/event-store';
import { ProjectorService } from '../../../worker/src/projector/projector.module';
import { Public } from '../auth/auth.guard';
import { REDIS } from '../infrastructure/redis.provider';

async function timed<T>(check: () => Promise<T>): Promise<{ status: 'ok' | 'down'; latencyMs?: number; error?: string; value?: T }> {
  const started = Date.now();
  try {
    const value = await check();
    return { status: 'ok', latencyMs: Date.now() - started, value };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() private readonly projector?: ProjectorService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness of the event store, Redis and the projector (with its lag)' })
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    // The newest event a projector can see: EventStoreDB's own system events are never projected.
    const store = await timed(() => lastEventPosition(this.store));
    const redis = await timed(() => this.redis.ping());
    const last = store.value;
    const projector = this.projector?.projector.status();
    // Lag in events is not computable from opaque positions; "behind" says whether it has seen the last one.
    const projection = projector
      ? {
          status: projector.running ? 'ok' : 'down',
          caughtUp: projector.caughtUp,
          checkpoint: projector.checkpoint ?? null,
          lastEventPosition: last?.toString() ?? null,
          behind: last !== undefined && (projector.checkpoint === undefined || BigInt(projector.checkpoint) < last),
          parked: projector.parked,
        }
      : { status: 'elsewhere' as const };
    const ok = store.status === 'ok' && redis.status === 'ok' && projection.status !== 'down';
    if (!ok) reply.status(503);
    return {
      status: ok ? 'ok' : 'degraded',
      eventStore: { status: store.status, latencyMs: store.latencyMs, error: store.error },
      redis: { status: redis.status, latencyMs: redis.latencyMs, error: redis.error },
      projector: projection,
    };
  }
}
