import { Body, Controller, HttpCode, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idParam } from '../../shared/goal-id.pipe';
import { Reply, withRevision } from '../../shared/write.response';
import { ApiAnswers } from '../../http/openapi.schemas';
import { MidYearReportStepCommand } from '../year-step.command';
import { REPORT_WRITTEN, windowParam } from '../year.responses';
import { SaveMidYearReportRequest } from './save-mid-year-report.request.dto';

@ApiTags('year')
@ApiBearerAuth()
@Controller('sheets')
export class SaveMidYearReportController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers(REPORT_WRITTEN, { etag: true })
  @Put(':sheetId/mid-year-windows/:window/reports/:sectionId')
  @HttpCode(200)
  @ApiOperation({
    summary: "Section head: 下書き保存 of the section's 中間報告 (進捗状況 and 進捗コメント per approved goal)",
  })
  async saveMidYearReport(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @Param('window', windowParam()) window: number,
    @Param('sectionId', idParam('sectionId')) sectionId: string,
    @Body() body: SaveMidYearReportRequest,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { revision } = await this.commands.execute(
      new MidYearReportStepCommand(
        sheetId,
        window,
        sectionId,
        {
          type: 'SaveMidYearReport',
          data: {
            entries: body.entries?.map(({ goalId, progress, comment }) => ({ goalId, progress, comment })) ?? [],
          },
        },
        ctx,
      ),
    );
    return withRevision(reply, { sheetId, window, sectionId, revision });
  }
}
