import { Module } from '@nestjs/common';
import { DelegationsModule } from '../delegations/delegations.module';
import { SheetsModule } from '../sheets/sheets.module';
import { GoalWorkflow } from './goal-workflow.service';
import { AmendGoalController } from './amend-goal/amend-goal.http.controller';
import { ApproveGoalController } from './approve-goal/approve-goal.http.controller';
import { ConfirmAchievementController } from './confirm-achievement/confirm-achievement.http.controller';
import { DeleteGoalController } from './delete-goal/delete-goal.http.controller';
import { DraftGoalController } from './draft-goal/draft-goal.http.controller';
import { DraftGoalHandler } from './draft-goal/draft-goal.handler';
import { GetGoalHistoryController } from './get-goal-history/get-goal-history.http.controller';
import { GetGoalHistoryHandler } from './get-goal-history/get-goal-history.handler';
import { GetGoalController } from './get-goal/get-goal.http.controller';
import { GetGoalHandler } from './get-goal/get-goal.handler';
import { GoalStepHandler } from './goal-step.command';
import { ListDeadlinesController } from './list-deadlines/list-deadlines.http.controller';
import { ListDeadlinesHandler } from './list-deadlines/list-deadlines.handler';
import { ListSectionGoalsController } from './list-section-goals/list-section-goals.http.controller';
import { ListSectionGoalsHandler } from './list-section-goals/list-section-goals.handler';
import { RecordAchievementController } from './record-achievement/record-achievement.http.controller';
import { ReturnGoalController } from './return-goal/return-goal.http.controller';
import { ReviseGoalController } from './revise-goal/revise-goal.http.controller';
import { SubmitGoalController } from './submit-goal/submit-goal.http.controller';
import { WithdrawGoalController } from './withdraw-goal/withdraw-goal.http.controller';

/** A goal's life: drafting, the steps of the workflow (one GoalStepCommand), and reading goals. */
@Module({
  imports: [SheetsModule, DelegationsModule],
  controllers: [
    DraftGoalController,
    ReviseGoalController,
    SubmitGoalController,
    WithdrawGoalController,
    DeleteGoalController,
    ApproveGoalController,
    ReturnGoalController,
    AmendGoalController,
    RecordAchievementController,
    ConfirmAchievementController,
    ListSectionGoalsController,
    ListDeadlinesController,
    GetGoalController,
    GetGoalHistoryController,
  ],
  providers: [
    GoalWorkflow,
    DraftGoalHandler,
    GoalStepHandler,
    GetGoalHandler,
    GetGoalHistoryHandler,
    ListSectionGoalsHandler,
    ListDeadlinesHandler,
  ],
  exports: [GoalWorkflow],
})
export class GoalsModule {}
