import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { GoalStepCommand } from '../goal-step.command';
import { RecordAchievementRequest } from './record-achievement.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class RecordAchievementController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten')
  @Post(':goalId/achievement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Records the year-end achievement (達成状況) of an approved goal' })
  async recordAchievement(
    @Param('goalId', idParam('goalId')) goalId: string,
    @Body() body: RecordAchievementRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new GoalStepCommand(goalId, { type: 'RecordAchievement', data: { level: body.level, comment: body.comment } }, ctx),
    );
    return withRevision(reply, { goalId, revision });
  }
}
