import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OverviewSource } from '../overview-source.service';
import { OVERVIEW_YEARS_SCHEMA } from '../overview.view';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class OverviewYearsController {
  constructor(private readonly source: OverviewSource) {}

  @ApiAnswers({ contentType: 'application/json', schema: OVERVIEW_YEARS_SCHEMA })
  @Get('years')
  @ApiOperation({
    summary:
      'Years side by side: each department’s goals and 達成率 per fiscal year along its lineage (a renamed or merged department’s years stay together), and the city’s rate over the years. 企画担当 and 監査 only.',
  })
  @ApiQuery({ name: 'from', required: false, description: 'first fiscal year; four years before `to` when absent' })
  @ApiQuery({ name: 'to', required: false, description: 'last fiscal year; this one when absent (at most 15 years)' })
  @ApiQuery({ name: 'category', required: false, description: '計画・方針等の分類' })
  years(
    @CurrentActor() actor: Actor,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('category') category?: string,
  ) {
    return this.source.years(actor, { from, to, category });
  }
}
