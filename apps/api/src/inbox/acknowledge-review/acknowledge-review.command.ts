import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';

export class AcknowledgeReviewCommand extends Command<{ reviewId: string; goalId: string; revision: number }> {
  constructor(
    readonly reviewId: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
