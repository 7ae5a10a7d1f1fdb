import { Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { authorizeDirectoryAdmin, InvalidInput, PlanEntry } from '@goals/domain';
import { CsvInvalid, CsvRecord, decodeOfficeText, parseCsv } from '@goals/sheet-file';
import { ApiAnswers } from '../../http/openapi.schemas';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { Reply, withRevision } from '../../shared/write.response';
import { LoadPlanCommand } from '../load-plan/load-plan.command';
import { PlanAdminController, planLoaded } from '../plan-admin.controller';

/** The columns of the file, by the headings a city's spreadsheet uses (Japanese or English). */
const COLUMNS = {
  id: ['ID', 'id', '番号', 'コード'],
  name: ['名称', 'name', '名前'],
  parentId: ['親ID', 'parentId', 'parent', '親'],
} as const;
const COLUMN_JA = { id: 'ID', name: '名称', parentId: '親ID' } as const;

@PlanAdminController()
export class ImportPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post('plan/file')
  @ApiOperation({
    summary:
      'Admin: loads a version of the 総合計画 from a CSV or tab-separated file (ID, 名称, 親ID), as Excel saves it; all or nothing',
    description:
      'UTF-8 with or without BOM, or Shift_JIS/CP932. A refusal names every problem by line and column, in Japanese, and writes nothing.',
  })
  @ApiConsumes('text/csv', 'text/tab-separated-values', 'text/plain')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'validFrom', required: true, description: '適用開始日, e.g. 2021-04-01' })
  @ApiQuery({ name: 'title', required: false, description: '計画の名前, e.g. 第6次総合計画' })
  @ApiAnswers(planLoaded, { status: 201 })
  async importPlan(
    @Req() request: { body?: unknown },
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: Reply,
    @Query('validFrom') validFrom?: string,
    @Query('title') title?: string,
  ) {
    // Who may load is known before the file is read: anyone else gets 403, not a list of lines.
    authorizeDirectoryAdmin(ctx.actor);
    const { entries, lines } = entriesOf(request.body);
    const data = {
      validFrom: typeof validFrom === 'string' ? validFrom : '',
      entries,
      ...(typeof title === 'string' && title ? { title } : {}),
    };
    try {
      const { revision, loaded } = await this.commands.execute(new LoadPlanCommand(data, ctx));
      return withRevision(reply, { revision: revision!, loaded, validFrom, entries: entries.length });
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      // entries[3].parentId → 5行目 親ID: the place in the file the administrator corrects.
      throw new InvalidInput(
        e.errors.map((f) => {
          const m = /^entries\[(\d+)\]\.(id|name|parentId)$/.exec(f.field);
          return m ? { ...f, field: `${lines[Number(m[1])]}行目 ${COLUMN_JA[m[2] as keyof typeof COLUMN_JA]}` } : f;
        }),
      );
    }
  }
}

function entriesOf(body: unknown): { entries: PlanEntry[]; lines: number[] } {
  if (!Buffer.isBuffer(body))
    throw InvalidInput.of(
      '(body)',
      'send the file as it is',
      '総合計画のCSVかタブ区切りのファイルをそのまま送ってください（content-type: text/csv）',
    );
  const { text } = decodeOfficeText(body);
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let records: CsvRecord[];
  try {
    records = parseCsv(text, { delimiter: firstLine.includes('\t') ? '\t' : ',' });
  } catch (e) {
    if (e instanceof CsvInvalid)
      throw new InvalidInput(e.problems.map((p) => ({ field: `${p.line}行目`, reason: p.reason, ja: p.reason })));
    throw e;
  }
  const [header, ...rows] = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const index = (names: readonly string[]) => header?.cells.findIndex((c) => names.includes(c.trim())) ?? -1;
  const at = { id: index(COLUMNS.id), name: index(COLUMNS.name), parentId: index(COLUMNS.parentId) };
  if (!header || at.id < 0 || at.name < 0)
    throw InvalidInput.of(
      `${header?.line ?? 1}行目`,
      'the first line must name the columns ID, 名称 and 親ID',
      '1行目は見出し（ID,名称,親ID）にしてください。基本目標の行は親IDを空にします',
    );
  const cell = (r: CsvRecord, i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
  return {
    entries: rows.map((r) => {
      const parentId = cell(r, at.parentId);
      return { id: cell(r, at.id), name: cell(r, at.name), ...(parentId ? { parentId } : {}) };
    }),
    lines: rows.map((r) => r.line),
  };
}
