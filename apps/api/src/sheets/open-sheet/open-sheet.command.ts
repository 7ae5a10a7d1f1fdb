import { Command } from '@nestjs/cqrs';
import { SheetHeader } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class OpenSheetCommand extends Command<{ sheetId: string; revision: bigint }> {
  constructor(
    /** As the 部長 fills it in: the department by its name in that fiscal year. */
    readonly header: Omit<SheetHeader, 'sheetId' | 'departmentId'> & { department: string },
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
