import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { GetGoalHistoryQuery } from './get-goal-history.query';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class GetGoalHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':goalId/history')
  @ApiOperation({ summary: "The goal's events in order: type, actor, time, reason, field-level changes" })
  getGoalHistory(@Param('goalId', idParam('goalId')) goalId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetGoalHistoryQuery(goalId, actor));
  }
}
