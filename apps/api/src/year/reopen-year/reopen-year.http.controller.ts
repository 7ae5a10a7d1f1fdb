import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { YearStepCommand } from '../year-step.command';
import { YEAR_WRITTEN } from '../year.responses';
import { ReopenYearRequest } from './reopen-year.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class ReopenYearController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(YEAR_WRITTEN, { etag: true })
  @Post(':sheetId/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: 再開 — reopens a closed year, with the reason' })
  async reopenYear(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: ReopenYearRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const result = await this.commands.execute(
      new YearStepCommand(sheetId, { type: 'ReopenYear', data: { reason: body.reason } }, ctx),
    );
    return withRevision(reply, { sheetId, ...result });
  }
}
