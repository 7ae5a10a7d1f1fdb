import { CommandContext } from '../../shared/command-context';
import { RecordAchievementRequest } from './record-achievement.request.dto';

export class RecordAchievementCommand {
  constructor(
    readonly goalId: string,
    readonly body: RecordAchievementRequest,
    readonly ctx: CommandContext,
  ) {}
}
