import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { WriteRequest } from '../../shared/write.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class SubmitGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submits a draft or returned goal to the department head' })
  async submitGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() _body: WriteRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'SubmitGoal', data: {} }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
