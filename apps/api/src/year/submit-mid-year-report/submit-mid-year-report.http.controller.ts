import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { MidYearReportStepCommand } from '../year-step.command';
import { REPORT_WRITTEN, windowParam } from '../year.responses';
import { SubmitMidYearReportRequest } from './submit-mid-year-report.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class SubmitMidYearReportController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(REPORT_WRITTEN, { etag: true })
  @Post(':sheetId/mid-year-windows/:window/reports/:sectionId/submit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Section head: 提出 — sends the section's 中間報告 to the department head (entries, when given, are saved first)",
  })
  async submitMidYearReport(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Param('window', windowParam()) window: number,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: SubmitMidYearReportRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new MidYearReportStepCommand(
        sheetId,
        window,
        sectionId,
        {
          type: 'SubmitMidYearReport',
          data: body.entries
            ? { entries: body.entries?.map(({ goalId, progress, comment }) => ({ goalId, progress, comment })) }
            : {},
        },
        ctx,
      ),
    );
    return withRevision(reply, { sheetId, window, sectionId, revision });
  }
}
