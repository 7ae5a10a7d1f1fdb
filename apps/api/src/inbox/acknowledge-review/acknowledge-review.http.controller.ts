import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemView } from '../../delegations/delegation.views';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { WriteRequest } from '../../shared/write.request.dto';
import { AcknowledgeReviewCommand } from './acknowledge-review.command';

export class ReviewAcknowledgedView {
  @ApiProperty() reviewId!: string;
  @ApiProperty() goalId!: string;
  @ApiProperty({ description: 'revision of the department’s delegation stream' }) revision!: number;
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class AcknowledgeReviewController {
  constructor(private readonly commands: CommandBus) {}

  @Post('reviews/:reviewId/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Department head: has read a decision taken in their stead by 代決 (後閲); it leaves the inbox',
  })
  @ApiOkResponse({ type: ReviewAcknowledgedView })
  @ApiForbiddenResponse({ type: ProblemView, description: 'only the head of the goal’s department acknowledges' })
  @ApiNotFoundResponse({ type: ProblemView, description: 'no decision taken by 代決 has this id' })
  acknowledgeReview(
    @Param('reviewId', idParam('reviewId')) reviewId: string,
    @Body() _body: WriteRequest,
    @WriteContext() ctx: CommandContext,
  ): Promise<ReviewAcknowledgedView> {
    return this.commands.execute(new AcknowledgeReviewCommand(reviewId, ctx));
  }
}
