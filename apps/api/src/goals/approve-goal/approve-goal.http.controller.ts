import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { ApproveGoalRequest } from './approve-goal.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ApproveGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: approves a submitted goal or a pending amendment' })
  async approveGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: ApproveGoalRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'ApproveGoal', data: { comment: body.comment } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
