import { Module } from '@nestjs/common';
import { GoalWorkflow } from '../goals/goal-workflow.service';
import { SheetWorkflow } from '../sheets/sheet-workflow.service';
import { EventStreams } from './event-streams';

/**
 * Reading and appending streams, shared by the goals and sheets capabilities: a draft registers its
 * 番号 on the sheet, a renumbering reads the goals — so neither capability module owns these.
 */
@Module({
  providers: [EventStreams, SheetWorkflow, GoalWorkflow],
  exports: [EventStreams, SheetWorkflow, GoalWorkflow],
})
export class WorkflowsModule {}
