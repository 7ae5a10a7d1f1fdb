import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ListSectionGoalsQuery } from './list-section-goals.query';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ListSectionGoalsController {
  constructor(private readonly queries: QueryBus) {}

  @ApiAnswers('SectionGoals')
  @Get()
  @ApiOperation({ summary: "A section's goals with their states (a section head's own sections by default), 共通 goals included" })
  @ApiQuery({ name: 'section', required: false })
  @ApiQuery({ name: 'fiscalYear', required: false })
  @ApiQuery({ name: 'department', required: false, description: 'auditors: which department' })
  listGoals(
    @CurrentActor() actor: Actor,
    @Query('section') section?: string,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('department') department?: string,
  ) {
    for (const [field, value] of [['section', section], ['department', department]] as const)
      if (value !== undefined && (typeof value !== 'string' || value === '' || value.length > 100)) throw InvalidInput.of(field, 'must be a name');
    if (fiscalYear !== undefined && (typeof fiscalYear !== 'string' || !/^\d{4}$/.test(fiscalYear)))
      throw InvalidInput.of('fiscalYear', 'must be a year, e.g. 2022');
    return this.queries.execute(new ListSectionGoalsQuery(actor, { section, department, fiscalYear: fiscalYear ? Number(fiscalYear) : undefined }));
  }
}
