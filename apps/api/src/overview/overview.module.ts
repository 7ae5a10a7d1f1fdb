import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@goals/infrastructure';
import { ExportOverviewController } from './export-overview/export-overview.http.controller';
import { GetOverviewController } from './get-overview/get-overview.http.controller';
import { GetOverviewGoalsController } from './get-overview/get-overview-goals.http.controller';
import { OverviewMeasuresController } from './overview-measures/overview-measures.http.controller';
import { OverviewYearsController } from './overview-years/overview-years.http.controller';
import { OverviewSource } from './overview-source.service';
import { PlanningReadsInterceptor } from './planning-reads/planning-reads.interceptor';

/** 全庁の状況 for the planning office (企画担当): the figures, years side by side, the files, and its reads on record. */
@Module({
  controllers: [
    GetOverviewController,
    GetOverviewGoalsController,
    OverviewYearsController,
    OverviewMeasuresController,
    ExportOverviewController,
  ],
  providers: [OverviewSource],
})
export class OverviewModule {
  /**
   * The reads are put on record by an interceptor on every route, only where the city asks for it
   * (OVERVIEW_RECORD_READS): one interceptor, even one that lets a request pass, makes Nest wrap
   * every request of every route in observables and async scopes, 3–4 % of a goal command's CPU.
   */
  static forRoot(config: Pick<AppConfig, 'overview'>): DynamicModule {
    return {
      module: OverviewModule,
      providers: config.overview.recordPlanningReads
        ? [{ provide: APP_INTERCEPTOR, useClass: PlanningReadsInterceptor }]
        : [],
    };
  }
}
