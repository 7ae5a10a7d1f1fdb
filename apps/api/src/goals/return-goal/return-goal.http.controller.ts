import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { GoalRevision, Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { ReturnGoalRequest } from './return-goal.request.dto';
import { WriteResponses } from '../../http/api-docs';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ReturnGoalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':goalId/return')
  @WriteResponses({ status: 200, success: { type: GoalRevision }, etag: true, ifMatch: 'optional', problems: [404] })
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
