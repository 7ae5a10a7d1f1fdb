import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { RenumberGoalsCommand } from './renumber-goals.command';
import { RenumberGoalsRequest } from './renumber-goals.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class RenumberGoalsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('SheetWritten')
  @Post(':sheetId/order')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: renumbers the goals (番号); approved goals keep theirs' })
  async renumberGoals(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: RenumberGoalsRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const result = await this.commands.execute(
      new RenumberGoalsCommand(sheetId, body.goalIds, ctx),
    );
    return withRevision(reply, result);
  }
}
