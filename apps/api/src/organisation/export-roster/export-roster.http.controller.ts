import { Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { Actor, authorizeDirectoryAdmin, InvalidInput, jstDateOf } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { encodeOfficeText, writeCsv } from '@goals/sheet-file';
import { CurrentActor } from '../../shared/current-actor';
import { DirectoryAdminController } from '../directory-admin.controller';
import { OrganisationDirectory } from '../organisation-directory.service';
import { rosterRows } from '../roster';

@DirectoryAdminController()
export class ExportRosterController {
  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('roster')
  @ApiOperation({ summary: 'Admin: the staff roster as of a day, as CSV in the columns it is imported in' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD; today (Asia/Tokyo) when left out' })
  @ApiQuery({
    name: 'encoding',
    required: false,
    enum: ['utf-8', 'cp932'],
    description: 'utf-8 (with BOM, default) or cp932',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportRoster(
    @CurrentActor() actor: Actor,
    @Res() reply: { header(n: string, v: string): unknown; send(body: unknown): unknown },
    @Query('date') date?: string,
    @Query('encoding') encoding?: string,
  ): Promise<void> {
    authorizeDirectoryAdmin(actor);
    const day = date ?? jstDateOf(this.clock.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw InvalidInput.of('date', 'must be a date, YYYY-MM-DD');
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'cp932')
      throw InvalidInput.of(
        'encoding',
        'must be utf-8 or cp932',
        '文字コード（encoding）は utf-8 か cp932 にしてください',
      );
    const csv = writeCsv(rosterRows(await this.directory.current(), day), { bom: false });
    const body = encodeOfficeText(csv, encoding === 'cp932' ? 'cp932' : 'utf-8', { bom: encoding !== 'cp932' });
    reply.header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'shift_jis' : 'utf-8'}`);
    reply.header('content-disposition', `attachment; filename="roster-${day}.csv"`);
    reply.send(body);
  }
}
