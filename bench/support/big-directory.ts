/**
 * The directory of a service shared for years by many cities, as events, for bench:directory:
 * `departments` 部 of 8 課 from 平成27年4月1日, a 部長, 8 課長 and 8 庶務担当 each, and then every 4月1日 for
 * `years` years a third of the posts rotating (each ended on 3月31日, its holder moving to the next
 * rotating post of its kind), 1 % of the 課 renamed, 0.5 % moved to the next 部 and a new 課 in 1 % of the 部.
 * Written as the service writes them (every type at its schema's version), without the decider, so
 * that it takes seconds; the subject and the baseline fold the same events.
 */
import { schemaOf } from '@goals/domain';
import { NewEvent } from '@goals/event-store';

export interface BigDirectory {
  events: { type: string; data: Record<string, unknown> }[];
  /** A 課長 of the last year, with their 部 and 課, for the goal command's questions. */
  sample: { loginId: string; departmentId: string; sectionId: string; sectionName: string; fiscalYear: number };
  /** 課 with no 課長 in the last year (those established since the start) and a person to become one. */
  vacancies: { departmentId: string; sectionId: string }[];
  newcomer: { personId: string; from: string };
  counts: { departments: number; sections: number; people: number; posts: number };
}

const FIRST_YEAR = 2015;
const SECTIONS = 8;

export function bigDirectory(departments: number, years: number): BigDirectory {
  const events: BigDirectory['events'] = [];
  const push = (type: string, data: Record<string, unknown>) => events.push({ type, data });
  const sectionDepartment = new Map<string, string>();
  const sectionNames = new Map<string, string>();
  const start = `${FIRST_YEAR}-04-01`;
  for (let d = 0; d < departments; d++) {
    push('DepartmentEstablished', {
      departmentId: `D${d}`,
      name: `第${d}部`,
      headTitle: `第${d}部長`,
      effectiveFrom: start,
    });
    for (let s = 0; s < SECTIONS; s++) {
      const sectionId = `S${d}-${s}`;
      push('SectionEstablished', { sectionId, departmentId: `D${d}`, name: `第${d}部${s}課`, effectiveFrom: start });
      sectionDepartment.set(sectionId, `D${d}`);
      sectionNames.set(sectionId, `第${d}部${s}課`);
    }
  }
  let people = 0;
  const register = () => {
    const personId = `P${people++}`;
    push('PersonRegistered', {
      personId,
      name: `職員 ${personId}`,
      loginId: `u${personId}`,
      employeeNumber: `${100000 + people}`,
    });
    return personId;
  };
  interface Post {
    postId: string;
    personId: string;
    kind: 'departmentHead' | 'sectionHead' | 'clerk';
    departmentId?: string;
    sectionId?: string;
  }
  let postCount = 0;
  const assign = (post: Omit<Post, 'postId'>, from: string): Post => {
    const postId = `Q${postCount++}`;
    const departmentId = post.sectionId ? sectionDepartment.get(post.sectionId)! : post.departmentId;
    push('PostAssigned', {
      postId,
      personId: post.personId,
      kind: post.kind,
      ...(departmentId ? { departmentId } : {}),
      ...(post.sectionId ? { sectionIds: [post.sectionId] } : {}),
      from,
    });
    return { ...post, postId, departmentId };
  };
  let posts: Post[] = [];
  for (let d = 0; d < departments; d++) {
    posts.push(assign({ personId: register(), kind: 'departmentHead', departmentId: `D${d}` }, start));
    for (let s = 0; s < SECTIONS; s++) {
      posts.push(assign({ personId: register(), kind: 'sectionHead', sectionId: `S${d}-${s}` }, start));
      posts.push(assign({ personId: register(), kind: 'clerk', sectionId: `S${d}-${s}` }, start));
    }
  }
  let newSections = 0;
  const sectionIds = [...sectionDepartment.keys()];
  for (let y = 1; y < years; y++) {
    const day = `${FIRST_YEAR + y}-04-01`;
    const eve = `${FIRST_YEAR + y}-03-31`;
    // 機構改革 first (from the same 4月1日), so the year's assignments follow the moved 課.
    for (let i = y % 100; i < sectionIds.length; i += 100) {
      const sectionId = sectionIds[i];
      const name = `${sectionNames.get(sectionId)}改${y}`;
      push('SectionRenamed', { sectionId, name, effectiveFrom: day });
      sectionNames.set(sectionId, name);
    }
    for (let i = (y * 7) % 200; i < sectionIds.length; i += 200) {
      const sectionId = sectionIds[i];
      const from = sectionDepartment.get(sectionId)!;
      const to = `D${(Number(from.slice(1)) + 1) % departments}`;
      const name = `${sectionNames.get(sectionId)}移${y}`;
      push('SectionRenamed', { sectionId, name, effectiveFrom: day });
      push('SectionMoved', { sectionId, fromDepartmentId: from, departmentId: to, effectiveFrom: day });
      sectionDepartment.set(sectionId, to);
      sectionNames.set(sectionId, name);
    }
    for (let d = y % 100; d < departments; d += 100) {
      const sectionId = `N${newSections++}`;
      push('SectionEstablished', { sectionId, departmentId: `D${d}`, name: `新設${sectionId}課`, effectiveFrom: day });
      sectionDepartment.set(sectionId, `D${d}`);
      sectionNames.set(sectionId, `新設${sectionId}課`);
    }
    // 人事異動: a third of the posts, each holder to the next rotating post of the same kind.
    const rotating = posts.filter((_, i) => i % 3 === y % 3);
    const next: Post[] = [];
    for (const kind of ['departmentHead', 'sectionHead', 'clerk'] as const) {
      const ofKind = rotating.filter((p) => p.kind === kind);
      ofKind.forEach((p, i) => {
        push('PostEnded', { postId: p.postId, until: eve });
        // One in ten leaves and is replaced by a new hire.
        const personId = i % 10 === 0 ? register() : ofKind[(i + 1) % ofKind.length].personId;
        next.push(assign({ ...p, personId }, day));
      });
    }
    const rotated = new Set(rotating.map((p) => p.postId));
    posts = [...posts.filter((p) => !rotated.has(p.postId)), ...next];
  }
  const last = FIRST_YEAR + years - 1;
  const head = posts.find((p) => p.kind === 'sectionHead' && !p.sectionId!.startsWith('N'))!;
  const sectionId = head.sectionId!;
  return {
    events,
    sample: {
      loginId: `u${head.personId}`,
      departmentId: sectionDepartment.get(sectionId)!,
      sectionId,
      sectionName: sectionNames.get(sectionId)!,
      fiscalYear: last,
    },
    vacancies: Array.from({ length: newSections }, (_, i) => ({
      sectionId: `N${i}`,
      departmentId: sectionDepartment.get(`N${i}`)!,
    })),
    newcomer: { personId: register(), from: `${last}-04-01` },
    counts: { departments, sections: sectionDepartment.size, people, posts: postCount },
  };
}

/** The events as the store keeps them: an envelope as the service writes it. */
export function asNewEvents(events: BigDirectory['events'], id: (i: number) => string): NewEvent[] {
  return events.map((event, i) => ({
    id: id(i),
    type: event.type,
    data: event.data,
    metadata: {
      actor: { userId: 'system:directory-seed', role: 'system' },
      occurredAt: '2015-03-01T00:00:00.000Z',
      correlationId: 'bench-directory',
      causationId: 'bench-directory',
      schemaVersion: schemaOf(event.type)?.version(event.type) ?? 1,
    },
  }));
}
