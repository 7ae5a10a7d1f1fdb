import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectorModule, remindersFromConfig, InfrastructureModule, InfrastructureOptions } from '@goals/infrastructure';
import { RemindersAdminController } from './admin/reminders/reminders-admin.http.controller';
import { RebuildReadModelsController } from './admin/rebuild-read-models/rebuild-read-models.http.controller';
import { GetAuditTrailController } from './audit/get-audit-trail/get-audit-trail.http.controller';
import { StreamEventsController } from './audit/stream-events/stream-events.http.controller';
import { VerifyStoreController } from './audit/verify-store/verify-store.http.controller';
import { GetInboxController } from './inbox/get-inbox/get-inbox.http.controller';
import { AcknowledgeReviewController } from './inbox/acknowledge-review/acknowledge-review.http.controller';
import { AcknowledgeReviewHandler } from './inbox/acknowledge-review/acknowledge-review.handler';
import { DelegationWorkflow } from './delegations/delegation-workflow.service';
import { GrantDelegationController } from './delegations/grant-delegation/grant-delegation.http.controller';
import { GrantDelegationHandler } from './delegations/grant-delegation/grant-delegation.handler';
import { ListDelegationsController } from './delegations/list-delegations/list-delegations.http.controller';
import { ListDelegationsHandler } from './delegations/list-delegations/list-delegations.handler';
import { RevokeDelegationController } from './delegations/revoke-delegation/revoke-delegation.http.controller';
import { RevokeDelegationHandler } from './delegations/revoke-delegation/revoke-delegation.handler';
import { GetInboxHandler } from './inbox/get-inbox/get-inbox.handler';
import { ExportSheetController } from './sheets/export-sheet/export-sheet.http.controller';
import { configDirectoryOrganisation } from './sheets/import-sheet/config-directory.organisation';
import { ImportSheetController } from './sheets/import-sheet/import-sheet.http.controller';
import { ImportSheetHandler } from './sheets/import-sheet/import-sheet.handler';
import { SHEET_ORGANISATION } from './sheets/import-sheet/sheet-organisation.port';
import { ListSheetsController } from './sheets/list-sheets/list-sheets.http.controller';
import { ListSheetsHandler } from './sheets/list-sheets/list-sheets.handler';
import { ListDeadlinesController } from './goals/list-deadlines/list-deadlines.http.controller';
import { ListDeadlinesHandler } from './goals/list-deadlines/list-deadlines.handler';
import { ListSectionGoalsController } from './goals/list-section-goals/list-section-goals.http.controller';
import { ListSectionGoalsHandler } from './goals/list-section-goals/list-section-goals.handler';
import { AuthGuard, TOKEN_VERIFIER } from './auth/auth.guard';
import { tokenVerifier } from './auth/token-keys';
import { ACTOR_RESOLVER, directoryFileActors } from './auth/actor-resolver';
import { Accounts } from './auth/accounts.service';
import { AdminAccountsController } from './auth/admin-accounts/admin-accounts.http.controller';
import { MeController } from './auth/me/me.http.controller';
import { OidcController } from './auth/oidc/oidc.http.controller';
import { OidcRelyingParty } from './auth/oidc/oidc.relying-party';
import { SecurityEvents } from './auth/security-events';
import { SignInController } from './auth/sign-in/sign-in.http.controller';
import { SecurityEventsController } from './audit/security-events/security-events.http.controller';
import { AmendGoalController } from './goals/amend-goal/amend-goal.http.controller';
import { AmendGoalHandler } from './goals/amend-goal/amend-goal.handler';
import { ApproveGoalController } from './goals/approve-goal/approve-goal.http.controller';
import { ApproveGoalHandler } from './goals/approve-goal/approve-goal.handler';
import { ConfirmAchievementController } from './goals/confirm-achievement/confirm-achievement.http.controller';
import { ConfirmAchievementHandler } from './goals/confirm-achievement/confirm-achievement.handler';
import { DraftGoalController } from './goals/draft-goal/draft-goal.http.controller';
import { DraftGoalHandler } from './goals/draft-goal/draft-goal.handler';
import { GetGoalHistoryController } from './goals/get-goal-history/get-goal-history.http.controller';
import { GetGoalHistoryHandler } from './goals/get-goal-history/get-goal-history.handler';
import { GetGoalController } from './goals/get-goal/get-goal.http.controller';
import { GetGoalHandler } from './goals/get-goal/get-goal.handler';
import { GoalWorkflow } from './goals/goal-workflow.service';
import { RecordAchievementController } from './goals/record-achievement/record-achievement.http.controller';
import { RecordAchievementHandler } from './goals/record-achievement/record-achievement.handler';
import { ReturnGoalController } from './goals/return-goal/return-goal.http.controller';
import { ReturnGoalHandler } from './goals/return-goal/return-goal.handler';
import { ReviseGoalController } from './goals/revise-goal/revise-goal.http.controller';
import { ReviseGoalHandler } from './goals/revise-goal/revise-goal.handler';
import { SubmitGoalController } from './goals/submit-goal/submit-goal.http.controller';
import { SubmitGoalHandler } from './goals/submit-goal/submit-goal.handler';
import { WithdrawGoalController } from './goals/withdraw-goal/withdraw-goal.http.controller';
import { WithdrawGoalHandler } from './goals/withdraw-goal/withdraw-goal.handler';
import { HealthController } from './health/health.http.controller';
import { LiveChanges } from './live/stream-changes/live-changes.service';
import { StreamChangesController } from './live/stream-changes/stream-changes.http.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { GetSheetController } from './sheets/get-sheet/get-sheet.http.controller';
import { GetSheetHandler } from './sheets/get-sheet/get-sheet.handler';
import { OpenSheetController } from './sheets/open-sheet/open-sheet.http.controller';
import { OpenSheetHandler } from './sheets/open-sheet/open-sheet.handler';
import { RenumberGoalsController } from './sheets/renumber-goals/renumber-goals.http.controller';
import { RenumberGoalsHandler } from './sheets/renumber-goals/renumber-goals.handler';
import { SheetWorkflow } from './sheets/sheet-workflow.service';
import { EventStreams } from './shared/event-streams';

export type AppOptions = InfrastructureOptions;

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
      ],
      controllers: [
        HealthController,
        StreamChangesController,
        ListSheetsController,
        ImportSheetController,
        OpenSheetController,
        GetSheetController,
        RenumberGoalsController,
        DraftGoalController,
        ReviseGoalController,
        SubmitGoalController,
        WithdrawGoalController,
        ApproveGoalController,
        ReturnGoalController,
        AmendGoalController,
        RecordAchievementController,
        ConfirmAchievementController,
        ListSectionGoalsController,
        ListDeadlinesController,
        GetGoalController,
        GetGoalHistoryController,
        ExportSheetController,
        GetInboxController,
        AcknowledgeReviewController,
        GrantDelegationController,
        ListDelegationsController,
        RevokeDelegationController,
        GetAuditTrailController,
        StreamEventsController,
        VerifyStoreController,
        RebuildReadModelsController,
        RemindersAdminController,
        SignInController,
        OidcController,
        MeController,
        AdminAccountsController,
        SecurityEventsController,
      ],
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => tokenVerifier(config) },
        { provide: ACTOR_RESOLVER, useFactory: () => directoryFileActors(config.directory) },
        { provide: SHEET_ORGANISATION, useFactory: () => configDirectoryOrganisation(config.directory) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        SecurityEvents,
        Accounts,
        ...(config.auth.oidc ? [OidcRelyingParty] : []),
        EventStreams,
        LiveChanges,
        GoalWorkflow,
        SheetWorkflow,
        DelegationWorkflow,
        GrantDelegationHandler,
        RevokeDelegationHandler,
        ListDelegationsHandler,
        AcknowledgeReviewHandler,
        OpenSheetHandler,
        ImportSheetHandler,
        RenumberGoalsHandler,
        GetSheetHandler,
        DraftGoalHandler,
        ReviseGoalHandler,
        SubmitGoalHandler,
        WithdrawGoalHandler,
        ApproveGoalHandler,
        ReturnGoalHandler,
        AmendGoalHandler,
        RecordAchievementHandler,
        ConfirmAchievementHandler,
        GetGoalHandler,
        GetGoalHistoryHandler,
        ListSheetsHandler,
        ListSectionGoalsHandler,
        ListDeadlinesHandler,
        GetInboxHandler,
      ],
    };
  }
}
