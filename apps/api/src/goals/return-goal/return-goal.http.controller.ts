import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { ReturnGoalRequest } from './return-goal.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ReturnGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: returns a submitted goal or a pending amendment, with the reason' })
  async returnGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: ReturnGoalRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'ReturnGoal', data: { reason: body.reason } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
