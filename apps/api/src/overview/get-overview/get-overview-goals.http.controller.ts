import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OverviewSource } from '../overview-source.service';
import { OVERVIEW_GOALS_SCHEMA } from '../overview.view';
import { OverviewQueries } from './get-overview.http.controller';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class GetOverviewGoalsController {
  constructor(private readonly source: OverviewSource) {}

  @ApiAnswers({ contentType: 'application/json', schema: OVERVIEW_GOALS_SCHEMA })
  @Get('goals')
  @ApiOperation({
    summary:
      'The goals behind one figure of 全庁の状況 (each figure of GET /overview links here with its filters). 企画担当 and 監査 only.',
  })
  @OverviewQueries()
  @ApiQuery({
    name: 'departmentId',
    required: false,
    description: "the row's department by id; the city's total when absent",
  })
  @ApiQuery({
    name: 'measureId',
    required: false,
    description: "a row of 施策別 (GET /overview/measures) by the plan's id; empty for the goals naming no 施策",
  })
  @ApiQuery({
    name: 'figure',
    required: true,
    description:
      'goals, byStatus.<status>, notSubmitted, waitingDecision, rated, achieved, achievement.<level>, progress.<level>, notReported',
  })
  goals(
    @CurrentActor() actor: Actor,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('department') department?: string,
    @Query('category') category?: string,
    @Query('section') section?: string,
    @Query('departmentId') departmentId?: string,
    @Query('figure') figure?: string,
    @Query('measureId') measureId?: string,
  ) {
    return this.source.goalsBehind(actor, {
      fiscalYear,
      department,
      category,
      section,
      departmentId,
      measureId,
      figure,
    });
  }
}
