import { SheetHeader } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class OpenSheetCommand {
  constructor(
    readonly header: Omit<SheetHeader, 'sheetId'>,
    readonly ctx: CommandContext,
  ) {}
}
