import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SheetWorkflow } from '../sheet-workflow.service';
import { OpenSheetCommand } from './open-sheet.command';

@CommandHandler(OpenSheetCommand)
export class OpenSheetHandler implements ICommandHandler<OpenSheetCommand> {
  constructor(private readonly sheets: SheetWorkflow) {}

  execute({ header, ctx }: OpenSheetCommand) {
    return this.sheets.open(header, ctx);
  }
}
