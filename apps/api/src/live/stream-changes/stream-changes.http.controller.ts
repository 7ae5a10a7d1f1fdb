import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, mayReadDepartment } from '@goals/domain';
import { ReadModelQueries, ReadModelsMoved } from '@goals/read-models';
import { CredentialAlive, CurrentActor, CurrentCredentialAlive } from '../../auth/auth.guard';
import { LiveChanges } from './live-changes.service';
import { ApiAnswers } from '../../http/openapi.schemas';

interface RawReply {
  raw: NodeJS.WritableStream & { writeHead(status: number, headers: Record<string, string>): void; end(): void };
  hijack(): void;
}

/** Proxies and browsers drop an idle stream: a comment line now and then keeps it open. */
const KEEP_ALIVE_MS = 20_000;
/** A stream outlives no session: signed out, revoked or expired, it is closed within this long. */
const CREDENTIAL_CHECK_MS = 2_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('events')
export class StreamChangesController {
  /** A renumbering names only its sheet: remember each sheet's department to filter it. */
  private readonly departmentOfSheet = new Map<string, string>();

  constructor(
    private readonly live: LiveChanges,
    private readonly readModels: ReadModelQueries,
  ) {}

  @ApiAnswers({ contentType: 'text/event-stream', schema: { type: 'string', description: 'server-sent events' } })
  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events: `changed` each time goals or sheets you may read have moved in the read models',
  })
  @ApiProduces('text/event-stream')
  stream(
    @CurrentActor() actor: Actor,
    @CurrentCredentialAlive() credentialAlive: CredentialAlive,
    @Req() request: { raw: NodeJS.EventEmitter },
    @Res() reply: RawReply,
  ): void {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    out.write('retry: 1000\n\n');
    let open = true;
    // Nothing more is sent once the session or token has ended: the stream is closed instead.
    const stillAlive = async () => {
      if (open && !(await credentialAlive().catch(() => false))) {
        close();
        out.end();
      }
      return open;
    };
    const stop = this.live.listen((moved) => {
      void this.visibleTo(actor, moved).then(async (visible) => {
        if (visible && (await stillAlive())) out.write(`event: changed\ndata: ${JSON.stringify(visible)}\n\n`);
      });
    });
    const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const check = setInterval(() => void stillAlive(), CREDENTIAL_CHECK_MS);
    const close = () => {
      open = false;
      clearInterval(keepAlive);
      clearInterval(check);
      stop();
    };
    request.raw.once('close', close);
  }

  private async visibleTo(actor: Actor, moved: ReadModelsMoved): Promise<ReadModelsMoved | undefined> {
    const departments = new Set(moved.departments);
    for (const sheetId of moved.sheetIds) {
      let department = this.departmentOfSheet.get(sheetId);
      if (department === undefined) {
        department = (await this.readModels.sheetHeader(sheetId).catch(() => null))?.departmentId;
        if (department !== undefined) this.departmentOfSheet.set(sheetId, department);
      }
      if (department !== undefined) departments.add(department);
    }
    if (![...departments].some((d) => mayReadDepartment(actor, d))) return undefined;
    return moved;
  }
}
