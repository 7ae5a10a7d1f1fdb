import { CommandContext } from '../../shared/command-context';
import { ReturnGoalRequest } from './return-goal.request.dto';

export class ReturnGoalCommand {
  constructor(
    readonly goalId: string,
    readonly body: ReturnGoalRequest,
    readonly ctx: CommandContext,
  ) {}
}
