import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { YearStepCommand } from '../year-step.command';
import { YEAR_WRITTEN } from '../year.responses';
import { OpenMidYearWindowRequest } from './open-mid-year-window.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class OpenMidYearWindowController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(YEAR_WRITTEN, { status: 201, etag: true })
  @Post(':sheetId/mid-year-windows')
  @ApiOperation({ summary: 'Department head: opens the next numbered 中間報告 window (開始日, 締切日) of the sheet' })
  async openMidYearWindow(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: OpenMidYearWindowRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { opensOn, closesOn, label } = body;
    const result = await this.commands.execute(
      new YearStepCommand(sheetId, { type: 'OpenMidYearWindow', data: { opensOn, closesOn, label } }, ctx),
    );
    return withRevision(reply, { sheetId, ...result });
  }
}
