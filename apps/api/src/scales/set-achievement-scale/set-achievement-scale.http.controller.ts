import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswers } from '../../http/openapi.schemas';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { Reply } from '../../shared/write.response';
import { AchievementScales } from '../achievement-scales.service';
import { ACHIEVEMENT_SCALE_SCHEMA, achievementScaleView } from '../achievement-scale.view';
import { assertFiscalYear, fiscalYearPath } from '../fiscal-year.path';
import { SetAchievementScaleRequest } from './set-achievement-scale.request.dto';

@ApiTags('achievement-scales')
@ApiBearerAuth()
@Controller('achievement-scales')
export class SetAchievementScaleController {
  constructor(private readonly scales: AchievementScales) {}

  @ApiAnswers({ contentType: 'application/json', schema: ACHIEVEMENT_SCALE_SCHEMA }, { etag: true })
  @Put(':fiscalYear')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Administrator: sets a fiscal year's 達成度の区分 (refused once a goal of the year is rated); answers the scale now",
  })
  async set(
    @Param('fiscalYear', fiscalYearPath()) fiscalYear: number,
    @Body() body: SetAchievementScaleRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    assertFiscalYear(fiscalYear);
    const { levels, achievedLevels, notAssessable, reason } = body;
    const { revision, state } = await this.scales.set(
      fiscalYear,
      { levels, achievedLevels, notAssessable, reason },
      ctx,
    );
    if (revision !== undefined) reply.header('etag', `"${revision}"`);
    return achievementScaleView(fiscalYear, { revision, state }, await this.scales.ratedGoals(fiscalYear));
  }
}
