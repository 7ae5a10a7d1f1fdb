import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { MidYearReportStepCommand } from '../year-step.command';
import { REPORT_WRITTEN, windowParam } from '../year.responses';
import { ConfirmMidYearReportRequest } from './confirm-mid-year-report.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class ConfirmMidYearReportController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(REPORT_WRITTEN, { etag: true })
  @Post(':sheetId/mid-year-windows/:window/reports/:sectionId/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Department head: 確認 — accepts a submitted 中間報告' })
  async confirmMidYearReport(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Param('window', windowParam()) window: number,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: ConfirmMidYearReportRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new MidYearReportStepCommand(
        sheetId,
        window,
        sectionId,
        { type: 'ConfirmMidYearReport', data: { comment: body.comment } },
        ctx,
      ),
    );
    return withRevision(reply, { sheetId, window, sectionId, revision });
  }
}
