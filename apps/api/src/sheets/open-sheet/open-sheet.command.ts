import { Command } from '@nestjs/cqrs';
import { SheetHeader } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class OpenSheetCommand extends Command<{ sheetId: string; revision: bigint }> {
  constructor(
    readonly header: Omit<SheetHeader, 'sheetId'>,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
