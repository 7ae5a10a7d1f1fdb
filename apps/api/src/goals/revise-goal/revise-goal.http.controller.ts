import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@goals/domain';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { contentOf } from '../goal-content/goal-content.request.dto';
import { GoalStepCommand } from '../goal-step.command';
import { ReviseGoalRequest } from './revise-goal.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ReviseGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Patch(':goalId')
  @ApiOperation({ summary: 'Revises a draft or returned goal (send If-Match with the revision you edited)' })
  async reviseGoal(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: ReviseGoalRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    // Editing text without saying which version was edited could overwrite someone else's change.
    if (ctx.expectedRevision === undefined)
      throw InvalidInput.of(
        'If-Match',
        'is required to revise a goal: send the revision you edited',
        '修正には、編集を始めたときの版（If-Match）を送ってください',
      );
    const changes = contentOf(body);
    if (Object.keys(changes).length === 0)
      throw InvalidInput.of(
        '(body)',
        'names no column to change',
        '修正する欄がありません。変える欄を入力してください',
      );
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'ReviseGoal', data: { changes } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
