import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput, isCivilDate } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { pageOf } from '../../shared/pagination';
import { ListDeadlinesQuery } from './list-deadlines.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('deadlines')
export class ListDeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('Deadlines')
  @Get()
  @ApiOperation({ summary: 'Upcoming deadlines of approved goals without a recorded achievement' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, default today (Asia/Tokyo)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 200' })
  @ApiQuery({ name: 'department', required: false, description: 'auditors: which department' })
  listDeadlines(
    @CurrentActor() actor: Actor,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('limit') limit?: string,
    @Query('department') department?: string,
  ) {
    for (const [field, value] of [['from', from], ['to', to]] as const)
      if (value !== undefined && (typeof value !== 'string' || !isCivilDate(value))) throw InvalidInput.of(field, 'must be a date, YYYY-MM-DD');
    if (department !== undefined && (typeof department !== 'string' || department.length > 100)) throw InvalidInput.of('department', 'must be a name');
    return this.queries.execute(new ListDeadlinesQuery(actor, { from, to, department, limit: pageOf(undefined, limit).limit }));
  }
}
