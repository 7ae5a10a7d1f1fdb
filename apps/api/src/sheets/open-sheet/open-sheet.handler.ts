import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSheet, foldSheet } from '@goals/domain';
import { EventStreams } from '../../shared/event-streams';
import { sheetEvents, SheetWorkflow } from '../sheet-workflow.service';
import { OpenSheetCommand } from './open-sheet.command';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';

/**
 * One sheet per department and fiscal year: its id is derived from both, so opening it twice is
 * refused. The department is named as in that fiscal year and kept by id.
 */
@CommandHandler(OpenSheetCommand)
export class OpenSheetHandler implements ICommandHandler<OpenSheetCommand> {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ header, ctx }: OpenSheetCommand): Promise<{ sheetId: string; revision: bigint }> {
    const { department: name, ...rest } = header;
    const department = await this.organisation.departmentNamed(name, header.fiscalYear);
    const { sheetId, stream } = await this.sheets.streamOf(department.departmentId, header.fiscalYear);
    const names = await this.organisation.legacyNames();
    const { revision } = await this.streams.decide(
      stream,
      {
        fold: (s) => foldSheet(sheetEvents(s, names)),
        decide: (sheet) =>
          decideSheet(
            { type: 'OpenSheet', data: { sheetId, departmentId: department.departmentId, ...rest }, by: ctx.actor },
            sheet,
            department,
          ),
      },
      ctx,
    );
    return { sheetId, revision: revision! };
  }
}
