/**
 * Fills an event store with a city's history fast, for bench:scale: the directory (部, 課, people
 * and their posts), then year by year a sheet per 部 whose goals go through their steps (drafted,
 * submitted, sometimes returned and revised, approved, achievement recorded and confirmed), the
 * oldest years brought in as imports of paper sheets, and one reorganisation (two 課 merged into a
 * new one from 令和5年4月1日). Events are written straight through the hash chain onto the store
 * (one append per goal's year), not through HTTP: the API path costs seconds per thousand events.
 *
 * Sizes follow the total asked for, as a city and then a shared service grows: about one 部 per
 * 7,000 events (141 at 1M), 8 課 each, 8 years, the rest goals.
 */
import { randomUUID } from 'node:crypto';
import { schemaOf } from '@goals/domain';
import { derivedUuid, EventStore, NewEvent } from '@goals/event-store';

export interface ScaleStore {
  events: number;
  departments: number;
  sections: number;
  goals: number;
  /** A sheet of the newest year, its first goal, and who may read them. */
  sample: { sheetId: string; goalId: string; headLogin: string; auditorLogin: string; adminLogin: string };
}

const FIRST_YEAR = 2019;
const YEARS = 8;
const SECTIONS_PER_DEPARTMENT = 8;
const IMPORTED_YEARS = 2;
const REORGANISED_YEAR = 2023;
const SECTION_NAMES = ['市民課', '経済課', '協働推進課', '文化振興課', '人権平和課', 'スポーツ振興課', '環境課', '管財課'];

export async function fillScaleStore(store: EventStore, total: number): Promise<ScaleStore> {
  const departments = Math.max(2, Math.round(total / 7000));
  // About 6.8 events a goal: drafted, submitted, approved, a third returned and revised, achievements of past years, registered.
  const goalsPerSheet = Math.max(4, Math.floor(total / (departments * YEARS * 6.8)));
  let written = 0;
  const append = async (stream: string, events: NewEvent[], expectedRevision: 'no_stream' | bigint) => {
    await store.append(stream, events, { expectedRevision });
    written += events.length;
  };
  const meta = (actor: Actor, day: string, extra: Record<string, unknown> = {}) => ({
    ...extra,
    actor,
    occurredAt: `${day}T01:00:00.000Z`,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  });
  // Each type at its schema's current version, as the service's envelope stamps it.
  const event = (type: string, data: Record<string, unknown>, metadata: NewEvent['metadata']): NewEvent => ({
    id: randomUUID(),
    type,
    data,
    metadata: { ...metadata, schemaVersion: schemaOf(type)?.version(type) ?? 1 },
  });

  // The directory: one stream, as the service keeps it.
  const system: Actor = { userId: 'system:directory-seed', role: 'system' };
  const directory: NewEvent[] = [];
  const from = `${FIRST_YEAR}-04-01`;
  const depts = Array.from({ length: departments }, (_, d) => {
    const name = `第${d + 1}部`;
    const departmentId = derivedUuid('department', name);
    const sections = SECTION_NAMES.map((s, i) => ({
      sectionId: derivedUuid('section', name, s),
      name: i === 0 ? s : `${s}${d + 1}`,
    }));
    return { d, name, departmentId, headTitle: `${name}長`, sections };
  });
  const person = (loginId: string, name: string) => {
    const personId = derivedUuid('person', loginId);
    directory.push(event('PersonRegistered', { personId, name, loginId }, meta(system, from)));
    return personId;
  };
  const post = (personId: string, kind: string, extra: Record<string, unknown>, since = from) =>
    directory.push(
      event(
        'PostAssigned',
        { postId: derivedUuid('post', personId, kind, since), personId, kind, from: since, ...extra },
        meta(system, since),
      ),
    );
  for (const dept of depts) {
    directory.push(
      event(
        'DepartmentEstablished',
        { departmentId: dept.departmentId, name: dept.name, headTitle: dept.headTitle, effectiveFrom: from },
        meta(system, from),
      ),
    );
    for (const s of dept.sections)
      directory.push(
        event(
          'SectionEstablished',
          { sectionId: s.sectionId, departmentId: dept.departmentId, name: s.name, effectiveFrom: from },
          meta(system, from),
        ),
      );
  }
  post(person('kansa', '監査 太郎'), 'auditor', {});
  post(person('kanri', '管理 花子'), 'admin', {});
  const admin: Actor = { userId: 'kanri', role: 'admin', personId: derivedUuid('person', 'kanri') };
  const heads = depts.map((dept) => {
    const loginId = `bucho-${dept.d}`;
    const personId = person(loginId, `部長 ${dept.d}`);
    post(personId, 'departmentHead', { departmentId: dept.departmentId });
    return {
      userId: loginId,
      role: 'departmentHead',
      personId,
      post: { kind: 'departmentHead', title: dept.headTitle, departmentId: dept.departmentId },
    } satisfies Actor;
  });
  const sectionHeads = depts.map((dept) =>
    dept.sections.map((s, i) => {
      const loginId = `kacho-${dept.d}-${i}`;
      const personId = person(loginId, `課長 ${dept.d}-${i}`);
      post(personId, 'sectionHead', { departmentId: dept.departmentId, sectionIds: [s.sectionId] });
      return {
        userId: loginId,
        role: 'sectionHead',
        personId,
        post: { kind: 'sectionHead', title: `${s.name}長`, departmentId: dept.departmentId, sectionIds: [s.sectionId] },
      } satisfies Actor;
    }),
  );
  // In slices: one append may be at most 1 MiB, and a big city's directory is more (2.2 MB at 1M events).
  for (let i = 0; i < directory.length; i += 1000)
    await append('directory', directory.slice(i, i + 1000), i === 0 ? 'no_stream' : BigInt(i - 1));
  const directoryRevision = BigInt(directory.length - 1);

  // The reorganisation: the first 部's first two 課 merged into a new 課 from 令和5年4月1日.
  directory.length = 0;
  const merged = { sectionId: derivedUuid('section', depts[0].name, '市民経済課'), name: '市民経済課' };
  const mergedOn = `${REORGANISED_YEAR}-04-01`;
  const mergedHead = person('kacho-merged', '課長 統合');
  directory.push(
    event(
      'SectionEstablished',
      { ...merged, departmentId: depts[0].departmentId, effectiveFrom: mergedOn, reason: '機構改革' },
      meta(admin, '2023-02-01', { reason: '機構改革' }),
    ),
    event(
      'SectionsMerged',
      {
        sectionIds: [depts[0].sections[0].sectionId, depts[0].sections[1].sectionId],
        intoSectionId: merged.sectionId,
        effectiveFrom: mergedOn,
        reason: '機構改革',
      },
      meta(admin, '2023-02-01', { reason: '機構改革' }),
    ),
  );
  for (const i of [0, 1])
    directory.push(
      event(
        'PostEnded',
        { postId: derivedUuid('post', sectionHeads[0][i].personId, 'sectionHead', from), until: '2023-03-31' },
        meta(admin, '2023-02-01'),
      ),
    );
  post(mergedHead, 'sectionHead', { departmentId: depts[0].departmentId, sectionIds: [merged.sectionId] }, mergedOn);
  await append('directory', directory, directoryRevision);
  const mergedActor: Actor = {
    userId: 'kacho-merged',
    role: 'sectionHead',
    personId: mergedHead,
    post: { kind: 'sectionHead', title: '市民経済課長', departmentId: depts[0].departmentId, sectionIds: [merged.sectionId] },
  };

  let goals = 0;
  const appending: Promise<void>[] = [];
  let sample: ScaleStore['sample'] | undefined;
  for (let y = 0; y < YEARS; y++) {
    const fiscalYear = FIRST_YEAR + y;
    const imported = y < IMPORTED_YEARS;
    const day = (offset: number) => new Date(Date.UTC(fiscalYear, 3, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    for (const dept of depts) {
      const head = heads[dept.d];
      const sheetId = derivedUuid('sheet', dept.departmentId, String(fiscalYear));
      const extra = imported ? { source: 'sheet-import' } : {};
      const by = (actor: Actor) => (imported ? admin : actor);
      const opened = event(
        'SheetOpened',
        {
          sheetId,
          departmentId: dept.departmentId,
          fiscalYear,
          createdOn: day(0),
          headTitle: dept.headTitle,
          headName: `部長 ${dept.d}`,
        },
        meta(by(head), day(0), extra),
      );
      const registered: NewEvent[] = [];
      const goalIds: string[] = [];
      for (let g = 0; g < goalsPerSheet; g++) {
        let s = g % SECTIONS_PER_DEPARTMENT;
        const reorganised = dept.d === 0 && fiscalYear >= REORGANISED_YEAR && s < 2;
        const section = reorganised ? merged : dept.sections[s];
        const author = by(reorganised ? mergedActor : sectionHeads[dept.d][s]);
        if (reorganised) s = 0;
        const goalId = derivedUuid('goal', sheetId, String(g));
        goalIds.push(goalId);
        const returned = !imported && g % 3 === 0;
        const achieved = fiscalYear < FIRST_YEAR + YEARS - 1;
        const year: NewEvent[] = [
          event(
            'GoalDrafted',
            {
              goalId,
              sheetId,
              departmentId: dept.departmentId,
              fiscalYear,
              title: `${section.name}の目標 ${g + 1}：窓口手続の見直し`,
              category: '行政改革',
              targetLevel: '業務の効率化が図られ、窓口の待ち時間が短縮されている。',
              method: '手続を見直し、申請書の様式と受付の流れを改め、システムを改修する。',
              deadlineMonth: 1 + (g % 12),
              sections: [section.sectionId],
            },
            meta(author, day(3), extra),
          ),
          event('GoalSubmitted', { goalId }, meta(author, day(4), extra)),
          ...(returned
            ? [
                event(
                  'GoalReturned',
                  { goalId, reason: '達成水準を数値で示してください' },
                  meta(head, day(5), { reason: '達成水準を数値で示してください' }),
                ),
                event(
                  'GoalRevised',
                  { goalId, changes: { targetLevel: '窓口の待ち時間が平均10分以内になっている。' } },
                  meta(author, day(6)),
                ),
                event('GoalSubmitted', { goalId }, meta(author, day(7))),
              ]
            : []),
          event('GoalApproved', { goalId }, meta(by(head), day(8), extra)),
          ...(achieved
            ? [
                event('AchievementRecorded', { goalId, level: 'ほぼ達成した' }, meta(by(author), day(350), extra)),
                event(
                  'AchievementConfirmed',
                  { goalId, level: 'ほぼ達成した', recordedLevel: 'ほぼ達成した' },
                  meta(by(head), day(355), extra),
                ),
              ]
            : []),
        ];
        // A sheet's goals are appended together: the store writes them in one transaction (group
        // commit), as it does for concurrent commands, instead of a commit each.
        appending.push(append(`goal-${goalId}`, year, 'no_stream'));
        registered.push(event('GoalRegistered', { sheetId, goalId, number: g + 1 }, meta(author, day(3), extra)));
        goals += 1;
      }
      await Promise.all(appending.splice(0));
      await append(`sheet-${sheetId}`, [opened, ...registered], 'no_stream');
      if (y === YEARS - 1 && !sample)
        sample = {
          sheetId,
          goalId: goalIds[0],
          headLogin: head.userId,
          auditorLogin: 'kansa',
          adminLogin: 'kanri',
        };
    }
  }
  return {
    events: written,
    departments,
    sections: departments * SECTIONS_PER_DEPARTMENT + 1,
    goals,
    sample: sample!,
  };
}

interface Actor {
  userId: string;
  role: string;
  personId?: string;
  post?: { kind: string; title: string; departmentId?: string; sectionIds?: string[] };
  [extra: string]: unknown;
}
