import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { YearStepCommand } from '../year-step.command';
import { YEAR_WRITTEN } from '../year.responses';
import { CloseYearRequest } from './close-year.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class CloseYearController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(YEAR_WRITTEN, { etag: true })
  @Post(':sheetId/close')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Department head: 年度を締める — when every goal is 確定 or 対象外 with a reason; the sheet then refuses every change',
  })
  async closeYear(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Body() body: CloseYearRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const excluded = (body.excluded ?? []).map(({ goalId, reason }) => ({ goalId, reason }));
    const result = await this.commands.execute(
      new YearStepCommand(sheetId, { type: 'CloseYear', data: { excluded } }, ctx),
    );
    return withRevision(reply, { sheetId, ...result });
  }
}
