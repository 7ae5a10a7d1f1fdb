import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@goals/domain';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { ImportSheetCommand, ImportSheetResult } from './import-sheet.command';
import { ApiAnswers } from '../../http/openapi.schemas';
import { SHEET_FILE_CONTENT_TYPES } from '../../http/file-content-types';

export { SHEET_FILE_CONTENT_TYPES };

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class ImportSheetController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('ImportResult', { status: 201 })
  @Post('import')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Department head (own department) or administrator (any department): imports an old sheet; all or nothing',
    description:
      'The file as Excel saved it: tab-separated text or CSV (UTF-8 with or without BOM, or Shift_JIS/CP932, ' +
      'detected), or .xlsx. An administrator importing a department the directory does not know registers it, ' +
      'its sections and its head from the sheet. A refusal names the line (row) of the file and what to change.',
  })
  @ApiConsumes(...SHEET_FILE_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({
    name: 'department',
    required: false,
    description: 'the department, when 職名 does not name it (e.g. 会計管理者)',
  })
  @ApiQuery({
    name: 'fileName',
    required: false,
    description: 'the file’s name, kept with its SHA-256 on every imported step (the audit trail shows 取込み)',
  })
  async importSheet(
    @Req() request: { body?: unknown; headers: Record<string, string | string[] | undefined> },
    @WriteContext() ctx: CommandContext,
    @Query('department') department?: unknown,
    @Query('fileName') fileName?: unknown,
  ): Promise<ImportSheetResult> {
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes))
      throw InvalidInput.of(
        '(body)',
        `整理表のファイルをそのまま送ってください（content-type: ${SHEET_FILE_CONTENT_TYPES.slice(0, 4).join('、')}）`,
      );
    if (
      department !== undefined &&
      (typeof department !== 'string' || !/^\S{1,50}$/u.test(department) || /[\p{Cc}]/u.test(department))
    )
      throw InvalidInput.of('department', 'は空白を含まない50文字までの部名にしてください');
    if (
      fileName !== undefined &&
      (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 255 || /[\p{Cc}/\\]/u.test(fileName))
    )
      throw InvalidInput.of('fileName', 'は255文字までのファイル名（フォルダー名や制御文字を含まない）にしてください');
    const contentType = String(request.headers['content-type'] ?? '');
    return this.commands.execute(new ImportSheetCommand({ bytes, contentType, fileName }, department, ctx));
  }
}
