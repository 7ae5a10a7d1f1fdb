/**
 * Registering a person whose name is already in the organisation: usually the same person twice (a
 * second login id, posts split between two records). Names are compared as a person reads them:
 * spaces (full-width too) do not make a different name.
 */
import { SameNameExists } from '../errors';

interface Registered {
  personId: string;
  name: string;
  loginId: string;
  employeeNumber?: string;
}

const bare = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

export function sameNamePeople(people: Iterable<Registered>, name: string): Registered[] {
  const wanted = bare(name ?? '');
  return wanted ? [...people].filter((p) => bare(p.name) === wanted) : [];
}

export function refuseSameName(people: Iterable<Registered>, name: string): void {
  const existing = sameNamePeople(people, name);
  if (existing.length)
    throw new SameNameExists(
      name.trim(),
      existing.map((p) => ({
        personId: p.personId,
        name: p.name,
        staffNumber: p.employeeNumber ?? null,
        loginId: p.loginId,
      })),
    );
}
