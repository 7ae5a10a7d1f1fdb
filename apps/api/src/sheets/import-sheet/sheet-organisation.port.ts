/**
 * What the import needs of the organisation: the sheet's department as it stood in the sheet's fiscal
 * year (its sections by id and name), the vocabularies, where the department's sheet of that year is
 * stored, and a way to register a department the directory does not know yet (its sections and its
 * head), effective from that year's 4月1日. The directory's owner implements it.
 */
import { DepartmentInYear } from '@goals/domain';
import { DepartmentRegistration } from '@goals/sheet-file';
import { CommandContext } from '../../shared/command-context';

export const SHEET_ORGANISATION = Symbol('SheetOrganisation');

export interface SheetOrganisation {
  departmentNamed(name: string, fiscalYear: number): Promise<DepartmentInYear | undefined>;
  departmentIn(departmentId: string, fiscalYear: number): Promise<DepartmentInYear | undefined>;
  /** The vocabularies of the sheet's fiscal year: its categories and every level its 達成度の区分 may give. */
  vocabulary(fiscalYear: number): Promise<{ categories: readonly string[]; achievementScale: readonly string[] }>;
  /** The id of the department's sheet of that year: the stored one, or the one a new sheet gets. */
  sheetIdOf(departmentId: string, fiscalYear: number): Promise<string>;
  /** The department a registration will establish, with the ids registerDepartment gives it. */
  plannedDepartment(registration: DepartmentRegistration): DepartmentInYear;
  registerDepartment(registration: DepartmentRegistration, ctx: CommandContext): Promise<void>;
}
