import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { DeleteGoalRequest } from './delete-goal.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class DeleteGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/delete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deletes a draft (下書き) with the reason: it leaves the sheet, the inbox, print and exports; ' +
      'its 番号 is not reused and its history stays in the audit trail',
  })
  async deleteGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: DeleteGoalRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'DeleteGoal', data: { reason: body.reason } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
