import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswers } from '../../http/openapi.schemas';
import { AchievementScales } from '../achievement-scales.service';
import { ACHIEVEMENT_SCALE_SCHEMA, achievementScaleView } from '../achievement-scale.view';
import { assertFiscalYear, fiscalYearPath } from '../fiscal-year.path';

/**
 * Anyone signed in reads a year's scale: the 実績 forms list its levels, the sheet and the overview
 * name them. Whether goals are rated (and so the scale locked) is part of it.
 */
@ApiTags('achievement-scales')
@ApiBearerAuth()
@Controller('achievement-scales')
export class GetAchievementScaleController {
  constructor(private readonly scales: AchievementScales) {}

  @ApiAnswers({ contentType: 'application/json', schema: ACHIEVEMENT_SCALE_SCHEMA })
  @Get(':fiscalYear')
  @ApiOperation({
    summary:
      "A fiscal year's 達成度の区分: its levels best first, which count as achieved, 評価不能, whether it is locked",
  })
  async get(@Param('fiscalYear', fiscalYearPath()) fiscalYear: number) {
    assertFiscalYear(fiscalYear);
    const [folded, rated] = await Promise.all([this.scales.of(fiscalYear), this.scales.ratedGoals(fiscalYear)]);
    return achievementScaleView(fiscalYear, folded, rated);
  }
}
