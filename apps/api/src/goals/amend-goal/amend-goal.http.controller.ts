import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@goals/domain';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { contentOf } from '../goal-content/goal-content.request.dto';
import { GoalStepCommand } from '../goal-step.command';
import { AmendGoalRequest } from './amend-goal.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class AmendGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/amend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requests a change to an approved goal; the approved text stays in force until approved' })
  async amendGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: AmendGoalRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    if (ctx.expectedRevision === undefined)
      throw InvalidInput.of(
        'If-Match',
        'is required to amend a goal: send the revision you edited',
        '変更申請には、編集を始めたときの版（If-Match）を送ってください',
      );
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'AmendGoal', data: { changes: contentOf(body), reason: body.reason } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
