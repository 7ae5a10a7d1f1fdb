import { Global, Module } from '@nestjs/common';
import { GetPlanController } from './get-plan/get-plan.http.controller';
import { ImportPlanController } from './import-plan/import-plan.http.controller';
import { LoadPlanHandler } from './load-plan/load-plan.command';
import { LoadPlanController } from './load-plan/load-plan.http.controller';
import { PlanWorkflow } from './plan-workflow.service';

/**
 * 総合計画: an optional per city. An administrator loads its 施策 as dated versions (JSON or a CSV/TSV
 * file); goals name one of their year's 施策 and 全庁の状況 groups by them. Global: goals and the
 * overview read the year's version.
 */
@Global()
@Module({
  controllers: [LoadPlanController, ImportPlanController, GetPlanController],
  providers: [PlanWorkflow, LoadPlanHandler],
  exports: [PlanWorkflow],
})
export class PlanModule {}
