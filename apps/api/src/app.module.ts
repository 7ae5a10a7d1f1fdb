import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  InfrastructureModule,
  InfrastructureOptions,
  ProjectorModule,
  remindersFromConfig,
} from '@goals/infrastructure';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DelegationsModule } from './delegations/delegations.module';
import { GoalsModule } from './goals/goals.module';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { EventStreamsModule } from './shared/event-streams.module';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';
import { OrganisationModule } from './organisation/organisation.module';
import { OverviewModule } from './overview/overview.module';
import { ScalesModule } from './scales/scales.module';
import { SheetsModule } from './sheets/sheets.module';
import { YearModule } from './year/year.module';
import { YearGuardModule } from './year/year-guard.module';
import { PublicationsModule } from './publications/publications.module';
import { PlanModule } from './plan/plan.module';

export type AppOptions = InfrastructureOptions;

/** The api: shared infrastructure, one module per capability, and (embedded) the worker's parts in-process. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        CqrsModule.forRoot(),
        ...(config.runWorker ? [ProjectorModule.register(), remindersFromConfig()] : []),
        EventStreamsModule,
        ScalesModule,
        OrganisationModule,
        PlanModule,
        AuthModule.forRoot(config),
        HealthModule,
        LiveModule,
        SheetsModule,
        GoalsModule,
        InboxModule,
        DelegationsModule,
        AuditModule,
        AdminModule,
        OverviewModule.forRoot(config),
        YearGuardModule,
        YearModule,
        PublicationsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
