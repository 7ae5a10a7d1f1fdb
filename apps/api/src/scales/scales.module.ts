import { Global, Module } from '@nestjs/common';
import { AchievementScales } from './achievement-scales.service';
import { GetAchievementScaleController } from './get-achievement-scale/get-achievement-scale.http.controller';
import { SetAchievementScaleController } from './set-achievement-scale/set-achievement-scale.http.controller';

/**
 * 達成度の区分 per fiscal year: set by an administrator, read by every goal step that rates, the
 * exports, the sheet and the overview. Global and at the bottom of the layers, because the
 * organisation's goal rules ask it for the year's levels.
 */
@Global()
@Module({
  controllers: [GetAchievementScaleController, SetAchievementScaleController],
  providers: [AchievementScales],
  exports: [AchievementScales],
})
export class ScalesModule {}
