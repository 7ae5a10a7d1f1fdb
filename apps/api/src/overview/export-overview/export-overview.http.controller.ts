import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput } from '@goals/domain';
import { CurrentActor } from '../../auth/auth.guard';
import { ApiAnswers } from '../../http/openapi.schemas';
import { OverviewQueries } from '../get-overview/get-overview.http.controller';
import { OverviewSource } from '../overview-source.service';
import { toOverviewCsv, toOverviewXlsx } from './overview-file';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class ExportOverviewController {
  constructor(private readonly source: OverviewSource) {}

  @ApiAnswers({
    contentType: TYPES.xlsx,
    schema: { type: 'string', format: 'binary', description: 'xlsx; text/csv (UTF-8 with BOM) for csv' },
  })
  @Get('export')
  @ApiOperation({
    summary:
      '全庁の状況 as a file: xlsx (one worksheet per view — 部別の状況, 中間報告 where there is one, 施策別 where the city has loaded a 総合計画, 年度比較, 目標一覧 — numbers as numbers) or csv (the main table or, with view=measures, 施策別; UTF-8 with BOM)',
  })
  @ApiQuery({ name: 'format', required: false, enum: Object.keys(TYPES) })
  @ApiQuery({
    name: 'view',
    required: false,
    enum: ['departments', 'measures'],
    description: 'csv only: the 部別 table (default) or 施策別; the xlsx holds both',
  })
  @OverviewQueries()
  async export(
    @CurrentActor() actor: Actor,
    @Res() reply: { header(n: string, v: string): unknown; send(body: unknown): unknown },
    @Query('format') format = 'xlsx',
    @Query('fiscalYear') fiscalYear?: string,
    @Query('department') department?: string,
    @Query('category') category?: string,
    @Query('section') section?: string,
    @Query('sort') sort?: string,
    @Query('order') order?: string,
    @Query('view') view?: string,
  ) {
    if (typeof format !== 'string' || !(format in TYPES)) throw InvalidInput.of('format', '形式は xlsx か csv です');
    if (view !== undefined && view !== 'departments' && view !== 'measures')
      throw InvalidInput.of('view', '表は departments（部別）か measures（施策別）です');
    const request = { fiscalYear, department, category, section, sort, order };
    const { view: overview, goals } = await this.source.overviewWithGoals(actor, request);
    // 施策別 is read for the workbook and for its own CSV, not for the 部別 CSV.
    const measures = format === 'xlsx' || view === 'measures' ? await this.source.measures(actor, request) : undefined;
    const body =
      format === 'csv'
        ? toOverviewCsv(measures ?? overview)
        : await toOverviewXlsx(
            overview,
            goals,
            await this.source.years(actor, { to: String(overview.fiscalYear), category }),
            measures,
          );
    const name = `${overview.fiscalYearLabel}_全庁の状況${view === 'measures' && format === 'csv' ? '_施策別' : ''}.${format}`;
    reply.header('content-type', TYPES[format as keyof typeof TYPES]);
    reply.header(
      'content-disposition',
      `attachment; filename="overview-${overview.fiscalYear}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    reply.send(body);
  }
}
