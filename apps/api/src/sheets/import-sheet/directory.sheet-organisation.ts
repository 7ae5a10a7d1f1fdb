/**
 * The import's view of the organisation, backed by the event-sourced directory: a department an old
 * sheet brings in is established with its sections from that fiscal year's 4月1日, and its head (氏名
 * from the sheet) holds 部長 for that year. The head gets a login id of their own that signs nobody
 * in until an administrator gives the person a real one; what matters here is who held the post.
 */
import { departmentNamedIn, fiscalYearEnd, OrganisationCommand } from '@goals/domain';
import { derivedUuid } from '@goals/event-store';
import { DepartmentRegistration, registeredDepartment } from '@goals/sheet-file';
import { SheetOrganisation } from './sheet-organisation.port';
import { SheetWorkflow } from '../sheet-workflow.service';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';

// Derived from the department and year, so the same sheet imported again finds its own ids.
const registeredDepartmentId = (r: DepartmentRegistration) => derivedUuid('department', r.department, r.effectiveFrom);
const registeredSectionId = (r: DepartmentRegistration, name: string) =>
  derivedUuid('section', r.department, name, r.effectiveFrom);

export function directorySheetOrganisation(directory: OrganisationDirectory, sheets: SheetWorkflow): SheetOrganisation {
  return {
    departmentNamed: async (name, fiscalYear) => departmentNamedIn(await directory.current(), name, fiscalYear),
    departmentIn: (departmentId, fiscalYear) => directory.departmentIn(departmentId, fiscalYear),
    vocabulary: (fiscalYear) => directory.vocabularyOf(fiscalYear),
    sheetIdOf: async (departmentId, fiscalYear) => (await sheets.streamOf(departmentId, fiscalYear)).sheetId,
    plannedDepartment: (registration) =>
      registeredDepartment(registration, registeredDepartmentId(registration), (name) =>
        registeredSectionId(registration, name),
      ),
    registerDepartment: async (registration: DepartmentRegistration, ctx) => {
      const { department, headTitle, headName, sections, effectiveFrom, fiscalYear } = registration;
      const departmentId = registeredDepartmentId(registration);
      const personId = derivedUuid('person', 'imported head', department, String(fiscalYear));
      const commands: OrganisationCommand[] = [
        { type: 'EstablishDepartment', data: { departmentId, name: department, headTitle, effectiveFrom } },
        ...sections.map((name): OrganisationCommand => ({
          type: 'EstablishSection',
          data: {
            sectionId: registeredSectionId(registration, name),
            departmentId,
            name,
            effectiveFrom,
          },
        })),
        {
          type: 'RegisterPerson',
          data: { personId, name: headName, loginId: `imported-head-${personId.slice(0, 8)}` },
        },
        {
          type: 'AssignPost',
          data: {
            postId: derivedUuid('post', personId, effectiveFrom),
            personId,
            kind: 'departmentHead',
            departmentId,
            from: effectiveFrom,
            until: fiscalYearEnd(fiscalYear),
          },
        },
      ];
      await directory.execute(commands, ctx);
    },
  };
}
