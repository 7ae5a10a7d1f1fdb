import { CommandContext } from '../../shared/command-context';
import { ConfirmAchievementRequest } from './confirm-achievement.request.dto';

export class ConfirmAchievementCommand {
  constructor(
    readonly goalId: string,
    readonly body: ConfirmAchievementRequest,
    readonly ctx: CommandContext,
  ) {}
}
