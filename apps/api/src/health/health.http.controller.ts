import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness of the event store' })
  async health() {
    const started = Date.now();
    try {
      await this.store.readAll({ direction: 'backwards', maxCount: 1 });
      return { status: 'ok', eventStore: { status: 'ok', latencyMs: Date.now() - started } };
    } catch (e) {
      return { status: 'degraded', eventStore: { status: 'down', error: (e as Error).message } };
    }
  }
}
