import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { ConfirmAchievementRequest } from './confirm-achievement.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class ConfirmAchievementController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/achievement/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: confirms the recorded achievement, optionally adjusting the level' })
  async confirmAchievement(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: ConfirmAchievementRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'ConfirmAchievement', data: { level: body.level } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
