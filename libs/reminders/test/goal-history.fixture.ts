/**
 * Writes a goal's history straight into the store as the release of 2026-11-24 wrote it (schema
 * version 1: the department and sections by name), so the reminders are also tested on old data.
 */
import { Directory, DIRECTORY_STREAM, goalStreamId, OrganisationEvent, sheetStreamId } from '@goals/domain';
import { derivedUuid, EventStore } from '@goals/event-store';
import { Clock } from '@goals/platform';
import { randomUUID } from 'node:crypto';

export const DEPARTMENT = '市民生活部';

export async function openSheet(store: EventStore, clock: Clock, fiscalYear: number): Promise<string> {
  const sheetId = randomUUID();
  await append(store, clock, sheetStreamId(sheetId), [
    {
      type: 'SheetOpened',
      data: {
        sheetId,
        department: DEPARTMENT,
        fiscalYear,
        createdOn: `${fiscalYear}-04-01`,
        headTitle: '市民生活部長',
        headName: '部長 一郎',
      },
    },
  ]);
  return sheetId;
}

export interface GoalSpec {
  sheetId: string;
  fiscalYear: number;
  title: string;
  deadlineMonth: number;
  sections?: string[];
}

/** Drafts, registers (番号), submits and approves a goal; returns its id. */
export async function approvedGoal(store: EventStore, clock: Clock, spec: GoalSpec): Promise<string> {
  const goalId = randomUUID();
  const { sheetId, fiscalYear, title, deadlineMonth } = spec;
  const number =
    (await store.readStream(sheetStreamId(sheetId))).events.filter((e) => e.type === 'GoalRegistered').length + 1;
  await append(store, clock, sheetStreamId(sheetId), [{ type: 'GoalRegistered', data: { sheetId, goalId, number } }]);
  await append(store, clock, goalStreamId(goalId), [
    {
      type: 'GoalDrafted',
      data: {
        goalId,
        sheetId,
        department: DEPARTMENT,
        fiscalYear,
        title,
        category: '行政改革',
        targetLevel: '平均待ち時間15分以内',
        method: '予約制の導入',
        deadlineMonth,
        sections: spec.sections ?? ['市民課'],
      },
    },
    { type: 'GoalSubmitted', data: { goalId } },
    { type: 'GoalApproved', data: { goalId } },
  ]);
  return goalId;
}

/**
 * The directory file as the organisation's events, with the ids the directory seed derives from names:
 * the reminders find their recipients there, by the posts held on the day a reminder is due.
 */
export async function writeDirectory(store: EventStore, clock: Clock, directory: Directory): Promise<void> {
  const from = '2019-04-01';
  const events: OrganisationEvent[] = [];
  for (const d of directory.departments) {
    const departmentId = derivedUuid('department', d.name);
    events.push({
      type: 'DepartmentEstablished',
      data: { departmentId, name: d.name, headTitle: d.headTitle, effectiveFrom: from },
    });
    for (const name of d.sections)
      events.push({
        type: 'SectionEstablished',
        data: { sectionId: derivedUuid('section', d.name, name), departmentId, name, effectiveFrom: from },
      });
  }
  for (const u of directory.users) {
    const personId = derivedUuid('person', u.id);
    events.push({
      type: 'PersonRegistered',
      data: { personId, name: u.name, loginId: u.id, ...(u.email ? { email: u.email } : {}) },
    });
    events.push({
      type: 'PostAssigned',
      data: {
        postId: derivedUuid('post', u.id, from),
        personId,
        kind: u.role,
        from,
        ...(u.department ? { departmentId: derivedUuid('department', u.department) } : {}),
        ...(u.role !== 'departmentHead' && u.sections
          ? { sectionIds: u.sections.map((s) => derivedUuid('section', u.department!, s)) }
          : {}),
      },
    });
  }
  await append(store, clock, DIRECTORY_STREAM, events);
}

export async function recordAchievement(store: EventStore, clock: Clock, goalId: string): Promise<void> {
  await append(store, clock, goalStreamId(goalId), [
    { type: 'AchievementRecorded', data: { goalId, level: 'ほぼ達成した' } },
  ]);
}

async function append(
  store: EventStore,
  clock: Clock,
  streamId: string,
  events: { type: string; data: object }[],
): Promise<void> {
  const correlationId = randomUUID();
  await store.append(
    streamId,
    events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: {
        actor: { userId: 'shimin', role: 'sectionHead' },
        occurredAt: clock.now().toISOString(),
        correlationId,
        causationId: correlationId,
        schemaVersion: 1,
      },
    })),
  );
}

/** Polls until the check holds or the deadline passes; returns the last value. */
type Falsy = false | undefined | null | 0 | '';

export async function eventually<T>(
  check: () => Promise<T | Falsy> | T | Falsy,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
