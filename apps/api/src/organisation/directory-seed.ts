/**
 * config/directory.json as the organisation's first events. Every id is derived from names in the
 * file, so a fresh data folder seeded from the same file gets the same ids (and a second process
 * seeding at the same moment writes the same events, which the store then refuses as a duplicate).
 */
import { Directory, fiscalYearStart, OrganisationCommand, PostKind } from '@goals/domain';
import { derivedUuid } from '@goals/event-store';

/**
 * 令和元年度, the first year the service takes a sheet for, unless the file says otherwise: the file
 * says who holds which post now and nothing of earlier years, so it is taken to hold for every year
 * a sheet may be opened or imported for (as the file did before it became seed data).
 */
export const DEFAULT_SEED_FROM = fiscalYearStart(2019);

export const SEED_ACTOR = { userId: 'system:directory-seed', role: 'system' };

export const departmentIdOf = (department: string) => derivedUuid('department', department);
export const sectionIdOf = (department: string, section: string) => derivedUuid('section', department, section);
export const personIdOf = (loginId: string) => derivedUuid('person', loginId);
export const seedPostIdOf = (loginId: string, from = DEFAULT_SEED_FROM) => derivedUuid('post', loginId, from);

export function seedCommands(directory: Directory): OrganisationCommand[] {
  const from = directory.effectiveFrom ?? DEFAULT_SEED_FROM;
  const commands: OrganisationCommand[] = [];
  for (const d of directory.departments) {
    const departmentId = departmentIdOf(d.name);
    commands.push({ type: 'EstablishDepartment', data: { departmentId, name: d.name, headTitle: d.headTitle, effectiveFrom: from } });
    for (const s of d.sections)
      commands.push({
        type: 'EstablishSection',
        data: { sectionId: sectionIdOf(d.name, s), departmentId, name: s, effectiveFrom: from },
      });
  }
  for (const u of directory.users) {
    const personId = personIdOf(u.id);
    commands.push({
      type: 'RegisterPerson',
      data: {
        personId,
        name: u.name,
        loginId: u.id,
        ...(u.email ? { email: u.email } : {}),
        ...(u.employeeNumber ? { employeeNumber: u.employeeNumber } : {}),
      },
    });
    const inDepartment = u.role === 'departmentHead' || u.role === 'sectionHead' || u.role === 'clerk';
    commands.push({
      type: 'AssignPost',
      data: {
        postId: seedPostIdOf(u.id, from),
        personId,
        kind: u.role as PostKind,
        from,
        ...(inDepartment && u.department ? { departmentId: departmentIdOf(u.department) } : {}),
        ...(u.role !== 'departmentHead' && u.sections
          ? { sectionIds: u.sections.map((s) => sectionIdOf(u.department!, s)) }
          : {}),
      },
    });
  }
  return commands;
}
