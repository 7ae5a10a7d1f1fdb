import { positionQuery } from '../../shared/pagination';
import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, InvalidInput, importedStepOf } from '@goals/domain';
import { EVENT_STORE, EventStore, InvalidPosition, readAllForwards, RecordedEvent } from '@goals/event-store';
import { CurrentActor } from '../../auth/auth.guard';
import { assertAuditor } from '../../shared/read-access';
import { ApiAnswers } from '../../http/openapi.schemas';

const PAGE = 1000;
const MAX_LIMIT = 1_000_000;

/** One JSON object a line, bigints as decimal strings: the raw log an auditor can archive or replay. */
/** A stored event as it is, and for an imported step what it was taken from (取込み), said plainly. */
export function ndjsonLine(e: RecordedEvent): string {
  const imported = importedStepOf(e.metadata);
  return `${JSON.stringify({
    ...e,
    revision: e.revision.toString(),
    position: e.position.toString(),
    ...(imported ? { imported: { by: '取込み', ...imported } } : {}),
  })}\n`;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class StreamEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ApiAnswers({
    contentType: 'application/x-ndjson',
    schema: { type: 'string', description: 'one stored event a line' },
  })
  @Get('events')
  @ApiOperation({ summary: 'Auditors: the raw event log in global order, as NDJSON, streamed' })
  @ApiQuery({ name: 'from', required: false, description: 'position to start at (inclusive), from an earlier line' })
  @ApiQuery({ name: 'limit', required: false, description: `at most ${MAX_LIMIT}` })
  async streamEvents(
    @CurrentActor() actor: Actor,
    @Res() reply: { header(n: string, v: string): unknown; send(body: unknown): unknown },
    @Query('from') from?: string,
    @Query('limit') limit?: string,
  ) {
    assertAuditor(actor);
    const start = positionQuery('from', from);
    if (
      limit !== undefined &&
      (typeof limit !== 'string' || !/^\d{1,7}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT)
    )
      throw InvalidInput.of(
        'limit',
        `must be a whole number from 1 to ${MAX_LIMIT}`,
        `件数（limit）は1から${MAX_LIMIT.toLocaleString('ja-JP')}までの整数で指定してください`,
      );
    const wanted = limit === undefined ? MAX_LIMIT : Number(limit);
    const events = readAllForwards(this.store, { pageSize: Math.min(PAGE, wanted), from: start });
    // The first page is read before the answer starts, so a position that is not an event's is a
    // 400 naming `from`, not a stream broken after its 200.
    const first = await events.next().catch((error: unknown) => {
      if (error instanceof InvalidPosition)
        throw InvalidInput.of(
          'from',
          'is not the position of an event: take one from an earlier line',
          '開始（from）がイベントの位置ではありません。前に受け取った行の位置を指定してください',
        );
      throw error;
    });
    async function* lines() {
      if (first.done || wanted === 0) return;
      yield ndjsonLine(first.value);
      let sent = 1;
      for await (const e of events) {
        if (sent >= wanted) return;
        yield ndjsonLine(e);
        sent += 1;
      }
    }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.send(Readable.from(lines()));
  }
}
