import { Module } from '@nestjs/common';
import { DelegationWorkflow } from '../delegations/delegation-workflow.service';
import { GoalWorkflow } from '../goals/goal-workflow.service';
import { SheetWorkflow } from '../sheets/sheet-workflow.service';
import { YearGuard } from '../year/year-guard.service';
import { EventStreams } from './event-streams';

/**
 * Reading and appending streams, shared by the goals and sheets capabilities: a draft registers its
 * 番号 on the sheet, a renumbering reads the goals, a goal decision asks whether 代決 is in force —
 * so no capability module owns these.
 */
@Module({
  providers: [EventStreams, SheetWorkflow, GoalWorkflow, DelegationWorkflow, YearGuard],
  exports: [EventStreams, SheetWorkflow, GoalWorkflow, DelegationWorkflow, YearGuard],
})
export class WorkflowsModule {}
