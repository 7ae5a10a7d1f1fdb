import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { contentOf, GoalContentRequest } from '../goal-content/goal-content.request.dto';
import { DraftGoalCommand } from './draft-goal.command';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('sheets')
export class DraftGoalController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('GoalWritten', { status: 201 })
  @Post(':sheetId/goals')
  @ApiOperation({ summary: 'Drafts a goal on the sheet; it gets the next 番号' })
  async draftGoal(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: GoalContentRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const result = await this.commands.execute(new DraftGoalCommand(sheetId, contentOf(body), ctx));
    return withRevision(reply, result);
  }
}
