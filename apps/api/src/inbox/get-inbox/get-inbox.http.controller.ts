import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { GetInboxQuery } from './get-inbox.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class GetInboxController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('Inbox')
  @Get()
  @ApiOperation({ summary: 'What waits for you: submissions, amendments and achievements to confirm (department head), goals to work on (section head)' })
  getInbox(@CurrentActor() actor: Actor) {
    return this.queries.execute(new GetInboxQuery(actor));
  }
}
