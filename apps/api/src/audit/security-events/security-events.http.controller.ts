import { positionQuery } from '../../shared/pagination';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CurrentActor } from '../../auth/auth.guard';
import { SECURITY_EVENT_TYPES } from '../../auth/security-events';
import { assertAuditor } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';

const PAGE = 1000;

/** Sign-ins, failures, lockouts, password changes and ended sessions, newest last (they are in /audit/events too). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/security-events')
export class SecurityEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiAnswers('Items')
  @Get()
  @ApiOperation({
    summary: 'Auditors: security events (signed in, failed, locked out, password changed, session revoked)',
  })
  @ApiQuery({ name: 'loginId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'event position to start at (inclusive)' })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 1000 (default 200)' })
  async list(
    @CurrentActor() actor: Actor,
    @Query('loginId') loginId?: string,
    @Query('from') from?: string,
    @Query('limit') limit?: string,
  ) {
    assertAuditor(actor);
    if (limit !== undefined && (typeof limit !== 'string' || !/^\d{1,4}$/.test(limit) || +limit < 1 || +limit > 1000))
      throw InvalidInput.of('limit', 'must be a whole number from 1 to 1000');
    if (loginId !== undefined && typeof loginId !== 'string') throw InvalidInput.of('loginId', 'must be given once');
    const wanted = limit === undefined ? 200 : Number(limit);
    const items = [];
    let position = positionQuery('from', from);
    let skipFirst = false;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: position, maxCount: PAGE });
      for (const e of skipFirst ? page.slice(1) : page) {
        if (!SECURITY_EVENT_TYPES.has(e.type) || (loginId !== undefined && e.data.loginId !== loginId)) continue;
        items.push({
          position: e.position.toString(),
          streamId: e.streamId,
          type: e.type,
          data: e.data,
          actor: e.metadata.actor,
          occurredAt: e.metadata.occurredAt,
        });
        if (items.length === wanted) return { items };
      }
      if (page.length < PAGE) return { items };
      position = page[page.length - 1].position;
      skipFirst = true;
    }
  }
}
