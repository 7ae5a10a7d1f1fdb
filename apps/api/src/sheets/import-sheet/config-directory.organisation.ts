/**
 * The import's view of the organisation while the directory is config/directory.json: the file's
 * departments hold for every year, and a registered department is added to the directory in memory,
 * where authorisation and the reminders read it. It does not outlive the process; the event-sourced
 * directory replaces this adapter.
 */
import { Directory } from '@goals/domain';
import { DepartmentRegistration, withRegisteredDepartment } from '@goals/sheet-file';
import { SheetOrganisation } from './sheet-organisation.port';

export function configDirectoryOrganisation(directory: Directory): SheetOrganisation {
  return {
    directoryFor: async () => directory,
    registerDepartment: async (registration: DepartmentRegistration) => {
      directory.departments = withRegisteredDepartment(directory, registration).departments;
      directory.users.push({
        id: `head:${registration.department}:${registration.fiscalYear}`,
        name: registration.headName,
        role: 'departmentHead',
        department: registration.department,
      });
    },
  };
}
