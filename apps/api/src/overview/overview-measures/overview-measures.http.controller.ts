import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OverviewSource } from '../overview-source.service';
import { OVERVIEW_MEASURES_SCHEMA } from '../overview.view';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class OverviewMeasuresController {
  constructor(private readonly source: OverviewSource) {}

  @ApiAnswers({ contentType: 'application/json', schema: OVERVIEW_MEASURES_SCHEMA })
  @Get('measures')
  @ApiOperation({
    summary:
      '施策別: 全庁の状況 grouped by the 総合計画 — per 施策 the goals naming it by status and achievement, rolled up to each 政策 and 基本目標, and the goals naming none; plan null when the city has loaded none for the year. 企画担当 and 監査 only.',
  })
  @ApiQuery({
    name: 'fiscalYear',
    required: false,
    description: 'e.g. 2022 for 令和4年度; this fiscal year when absent',
  })
  @ApiQuery({ name: 'department', required: false, description: 'one department, by its name in that year' })
  @ApiQuery({ name: 'category', required: false, description: '計画・方針等の分類' })
  @ApiQuery({
    name: 'section',
    required: false,
    description: 'goals naming this section (its name in that year), or 共通',
  })
  measures(
    @CurrentActor() actor: Actor,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('department') department?: string,
    @Query('category') category?: string,
    @Query('section') section?: string,
  ) {
    return this.source.measures(actor, { fiscalYear, department, category, section });
  }
}
