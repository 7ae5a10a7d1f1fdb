import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { SheetRevision, Reply, withRevision } from '../../shared/write.response';
import { RenumberGoalsCommand } from './renumber-goals.command';
import { RenumberGoalsRequest } from './renumber-goals.request.dto';
import { WriteResponses } from '../../http/api-docs';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class RenumberGoalsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':sheetId/order')
  @WriteResponses({ status: 200, success: { type: SheetRevision }, etag: true, ifMatch: 'optional', problems: [404] })
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
