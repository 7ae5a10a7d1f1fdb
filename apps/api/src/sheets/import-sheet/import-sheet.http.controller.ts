import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IllegalTransition, InvalidInput, sheetStreamId } from '@goals/domain';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CLOCK, Clock } from '@goals/platform';
import { appendSheetImport, parseSheetFile, planSheetImport } from '@goals/sheet-file';
import { CurrentActor } from '../../auth/auth.guard';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { commandContextOf } from '../../shared/command-context';
import { sheetIdOf } from '../sheet-workflow.service';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class ImportSheetController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('import')
  @HttpCode(201)
  @ApiOperation({ summary: "Department head: imports last year's sheet as exported (tab-separated); all or nothing" })
  @ApiConsumes('text/tab-separated-values')
  @ApiBody({ schema: { type: 'string' } })
  async importSheet(@Req() request: Parameters<typeof commandContextOf>[0] & { headers: Record<string, string | undefined> }, @CurrentActor() actor: Actor) {
    const text = request.body;
    if (typeof text !== 'string' || !/^text\/(tab-separated-values|plain)/.test(request.headers['content-type'] ?? ''))
      throw InvalidInput.of('(body)', 'send the sheet as text/tab-separated-values, as the spreadsheet exports it');
    const parsed = parseSheetFile(text);
    const department = actor.department ?? '';
    const sheetId = sheetIdOf(department, parsed.fiscalYear);
    const ctx = commandContextOf({ actor, method: request.method, url: request.url, headers: request.headers, body: request.body });
    const plan = planSheetImport(parsed, {
      importer: actor,
      directory: this.config.directory,
      sheetId,
      newId: randomUUID,
      occurredAt: this.clock.now().toISOString(),
      correlationId: ctx.correlationId,
    });
    // The sheet's stream is written last, so check first that no sheet exists for that year.
    const { exists } = await this.store.readStream(sheetStreamId(sheetId), { maxCount: 1 });
    if (exists) throw new IllegalTransition('ImportSheet', 'open', `the ${parsed.fiscalYear} sheet of ${department} already exists (${sheetId})`);
    await appendSheetImport(this.store, plan);
    return { sheetId, goalIds: plan.goalIds };
  }
}
