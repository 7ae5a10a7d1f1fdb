import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSheet, foldSheet, sheetStreamId } from '@goals/domain';
import { EventStreams } from '../../shared/event-streams';
import { sheetEvents, sheetIdOf } from '../sheet-workflow.service';
import { OpenSheetCommand } from './open-sheet.command';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';

/** One sheet per department and fiscal year: its id is derived from both, so opening it twice is refused. */
@CommandHandler(OpenSheetCommand)
export class OpenSheetHandler implements ICommandHandler<OpenSheetCommand> {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ header, ctx }: OpenSheetCommand): Promise<{ sheetId: string; revision: bigint }> {
    const sheetId = sheetIdOf(header.department, header.fiscalYear);
    const stream = await this.streams.load(sheetStreamId(sheetId));
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return { sheetId, revision: replay.revision! };
    const events = decideSheet(
      { type: 'OpenSheet', data: { sheetId, ...header }, by: ctx.actor },
      foldSheet(sheetEvents(stream)),
      await this.organisation.directoryFor(header.fiscalYear),
    );
    const { revision } = await this.streams.append(stream, events, ctx);
    return { sheetId, revision: revision! };
  }
}
