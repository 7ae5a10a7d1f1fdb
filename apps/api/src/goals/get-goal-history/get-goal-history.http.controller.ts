import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { pageOf } from '../../shared/pagination';
import { GetGoalHistoryQuery } from './get-goal-history.query';
import { ApiAnswers } from '../../http/openapi.schemas';

/** A goal's whole year fits in one page; a page stays small enough to answer quickly. */
const HISTORY_PAGE = 1000;

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class GetGoalHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('GoalHistory')
  @Get(':goalId/history')
  @ApiOperation({ summary: "The goal's events in order: type, actor, time, reason, field-level changes" })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false, description: `at most ${HISTORY_PAGE} events a page (the default)` })
  getGoalHistory(
    @Param('goalId', idParam('goalId')) goalId: string,
    @CurrentActor() actor: Actor,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ) {
    return this.queries.execute(new GetGoalHistoryQuery(goalId, actor, pageOf(offset, limit, HISTORY_PAGE, HISTORY_PAGE)));
  }
}
