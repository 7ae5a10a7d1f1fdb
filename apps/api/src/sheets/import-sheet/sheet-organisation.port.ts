/**
 * What the import needs of the organisation: the directory as it stood in the sheet's fiscal year,
 * and a way to register a department the directory does not know yet (its sections and its head),
 * effective from that year's 4月1日. The directory's owner implements it; the import does not care
 * whether the directory is a file or a stream of events.
 */
import { Directory } from '@goals/domain';
import { DepartmentRegistration } from '@goals/sheet-file';
import { CommandContext } from '../../shared/command-context';

export const SHEET_ORGANISATION = Symbol('SheetOrganisation');

export interface SheetOrganisation {
  directoryFor(fiscalYear: number): Promise<Directory>;
  registerDepartment(registration: DepartmentRegistration, ctx: CommandContext): Promise<void>;
}
