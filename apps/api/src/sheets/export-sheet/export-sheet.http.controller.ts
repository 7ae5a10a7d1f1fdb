import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { AchievementScales } from '../../scales/achievement-scales.service';
import { scaleView } from '../../scales/achievement-scale.view';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, fiscalYearLabel, InvalidInput, NotFound } from '@goals/domain';
import type { Redis } from 'ioredis';
import { READ_MODEL_PREFIX, REDIS } from '@goals/infrastructure';
import { ReadModelQueries, readYearView } from '@goals/read-models';
import { sheetDocumentOf, toCsv, toTsv, toXlsx } from '@goals/sheet-file';
import { CurrentActor } from '../../auth/auth.guard';
import { idParam } from '../../shared/goal-id.pipe';
import { assertMayRead } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';
import { withMidYear } from './mid-year.export';

const FORMATS = {
  tsv: { type: 'text/tab-separated-values; charset=utf-8', write: async (d: Parameters<typeof toTsv>[0]) => toTsv(d) },
  csv: { type: 'text/csv; charset=utf-8', write: async (d: Parameters<typeof toCsv>[0]) => toCsv(d) },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: toXlsx },
} as const;

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class ExportSheetController {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
    private readonly scales: AchievementScales,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
  ) {}

  @ApiAnswers({
    contentType: 'text/tab-separated-values',
    schema: { type: 'string', format: 'binary', description: 'tsv; text/csv for csv, the xlsx content type for xlsx' },
  })
  @Get(':sheetId/export')
  @ApiOperation({
    summary:
      "The sheet as a file in the paper sheet's layout: tsv (as the fixture), csv (UTF-8 with BOM, for Excel) or xlsx",
  })
  @ApiQuery({ name: 'format', required: false, enum: Object.keys(FORMATS) })
  async exportSheet(
    @Param('sheetId', idParam('sheetId')) sheetId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: { header(n: string, v: string): unknown; send(body: unknown): unknown },
    @Query('format') format = 'tsv',
  ) {
    if (typeof format !== 'string' || !(format in FORMATS))
      throw InvalidInput.of(
        'format',
        `must be one of ${Object.keys(FORMATS).join(', ')}`,
        `形式（format）は次から選んでください：${Object.keys(FORMATS).join('、')}`,
      );
    const sheet = await this.readModels.sheet(sheetId);
    if (!sheet) throw new NotFound('sheet', sheetId);
    const { departmentId, fiscalYear } = sheet.header;
    const naming = await this.organisation.naming();
    const department = naming.department(departmentId, fiscalYear);
    assertMayRead(actor, { departmentId, name: department }, 'sheets');
    const { type, write } = FORMATS[format as keyof typeof FORMATS];
    // 共通/課名 as the sheet's fiscal year names the sections, whenever a rename was entered.
    const sectionNames = (ids: readonly string[]) => naming.sections(ids, fiscalYear);
    const year = await readYearView(this.redis, this.prefix, sheetId);
    const doc = {
      ...withMidYear(sheetDocumentOf(sheet, sectionNames), sheet, year, (id) => sectionNames([id])[0] ?? id),
      achievementScale: scaleView(await this.scales.scaleOf(fiscalYear)),
    };
    const body = await write(doc);
    const name = `${fiscalYearLabel(fiscalYear)}_${department}_組織目標展開整理表.${format}`;
    reply.header('content-type', type);
    reply.header(
      'content-disposition',
      `attachment; filename="sheet-${sheet.header.fiscalYear}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    reply.send(body);
  }
}
