import { CommandContext } from '../../shared/command-context';

export class AcknowledgeReviewCommand {
  constructor(
    readonly reviewId: string,
    readonly ctx: CommandContext,
  ) {}
}
