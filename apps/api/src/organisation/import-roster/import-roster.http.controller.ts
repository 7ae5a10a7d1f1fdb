import { Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { authorizeDirectoryAdmin, InvalidInput, OrganisationState, postTitle } from '@goals/domain';
import { CsvInvalid, CsvRecord, decodeOfficeText, parseCsv } from '@goals/sheet-file';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { idFor } from '../../shared/event-envelope';
import { ChangeDirectoryCommand } from '../change-directory.command';
import { DirectoryAdminController } from '../directory-admin.controller';
import { AppointmentView, RosterImportedView } from '../organisation.views';
import { rosterCommands } from '../roster';

@DirectoryAdminController()
export class ImportRosterController {
  constructor(private readonly commands: CommandBus) {}

  @Post('roster')
  @ApiOperation({
    summary: 'Admin: imports the staff roster CSV (職員番号, 氏名, メール, 所属部, 所属課, 職, 発令日); all or nothing',
    description:
      'UTF-8 with or without BOM, or Shift_JIS/CP932 as Japanese Excel saves it. Each row appoints a person to a post ' +
      'from its 発令日 (registering them if new; their earlier posts end the day before). A refusal lists every ' +
      'problem by line and column, in Japanese, and writes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: RosterImportedView })
  async importRoster(
    @Req() request: { body?: unknown },
    @WriteContext() ctx: CommandContext,
  ): Promise<RosterImportedView> {
    // Who may import is known before the file is read: anyone else gets 403, not a list of lines.
    authorizeDirectoryAdmin(ctx.actor);
    const records = recordsOf(request.body);
    let appointments: AppointmentView[] | undefined;
    // Planned on the directory as the write decides it; the ids from the Idempotency-Key, so a retry
    // plans the same appointments on the state the first request saw and answers them again.
    const plan = (scratch: OrganisationState) => {
      const { commands, problems } = rosterCommands(records, scratch, (kind, line) =>
        idFor(ctx, `roster-${kind}`, String(line)),
      );
      if (problems.length) throw new InvalidInput(problems);
      appointments = appointmentsOf(commands, scratch);
      return commands;
    };
    const { revision, before, replayed } = await this.commands.execute(new ChangeDirectoryCommand(plan, ctx));
    if (replayed) plan(before);
    return { revision: Number(revision), appointed: appointments!.length, appointments: appointments! };
  }
}

function recordsOf(body: unknown): CsvRecord[] {
  if (!Buffer.isBuffer(body))
    throw InvalidInput.of('(body)', '名簿のCSVファイルをそのまま送ってください（content-type: text/csv）');
  const { text } = decodeOfficeText(body);
  try {
    return parseCsv(text);
  } catch (e) {
    if (e instanceof CsvInvalid)
      throw new InvalidInput(e.problems.map((p) => ({ field: `${p.line}行目`, reason: p.reason })));
    throw e;
  }
}

/** What the administrator checks against the file: each appointment as the directory now names it. */
function appointmentsOf(commands: ReturnType<typeof rosterCommands>['commands'], scratch: OrganisationState) {
  const registered = new Set(commands.flatMap((c) => (c.type === 'RegisterPerson' ? [c.data.personId] : [])));
  return commands.flatMap((c): AppointmentView[] => {
    if (c.type !== 'AssignPost') return [];
    const person = scratch.people.get(c.data.personId)!;
    return [
      {
        personId: person.personId,
        name: person.name,
        loginId: person.loginId,
        employeeNumber: person.employeeNumber,
        registered: registered.has(person.personId),
        post: postTitle(scratch, c.data, c.data.from),
        from: c.data.from,
      },
    ];
  });
}
