import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { EVENT_STORE, EventStore, verifyStore } from '@goals/event-store';
import { CurrentActor } from '../../auth/auth.guard';
import { assertAuditor } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerifyStoreController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiAnswers('StoreVerification')
  @Get('verify')
  @ApiOperation({ summary: 'Auditors: walks every hash chain; reports the first altered, removed or reordered event' })
  async verify(@CurrentActor() actor: Actor) {
    assertAuditor(actor);
    const result = await verifyStore(this.store);
    return {
      ...result,
      firstBreak: result.firstBreak ? { ...result.firstBreak, revision: Number(result.firstBreak.revision), position: String(result.firstBreak.position) } : undefined,
    };
  }
}
