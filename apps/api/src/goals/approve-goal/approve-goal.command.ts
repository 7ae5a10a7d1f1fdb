import { CommandContext } from '../../shared/command-context';
import { ApproveGoalRequest } from './approve-goal.request.dto';

export class ApproveGoalCommand {
  constructor(
    readonly goalId: string,
    readonly body: ApproveGoalRequest,
    readonly ctx: CommandContext,
  ) {}
}
