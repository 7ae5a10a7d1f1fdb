/** Writes a goal's history straight into the store, as the API's command handlers would. */
import { GoalEvent, goalStreamId, SheetEvent, sheetStreamId } from '@goals/domain';
import { EventStore } from '@goals/event-store';
import { Clock } from '@goals/platform';
import { randomUUID } from 'node:crypto';

export const DEPARTMENT = '市民生活部';

export async function openSheet(store: EventStore, clock: Clock, fiscalYear: number): Promise<string> {
  const sheetId = randomUUID();
  await append(store, clock, sheetStreamId(sheetId), [
    {
      type: 'SheetOpened',
      data: { sheetId, department: DEPARTMENT, fiscalYear, createdOn: `${fiscalYear}-04-01`, headTitle: '市民生活部長', headName: '部長 一郎' },
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
  const number = (await store.readStream(sheetStreamId(sheetId))).events.filter((e) => e.type === 'GoalRegistered').length + 1;
  await append(store, clock, sheetStreamId(sheetId), [{ type: 'GoalRegistered', data: { sheetId, goalId, number } }]);
  await append(store, clock, goalStreamId(goalId), [
    {
      type: 'GoalDrafted',
      data: { goalId, sheetId, department: DEPARTMENT, fiscalYear, title, category: '行政改革', targetLevel: '平均待ち時間15分以内', method: '予約制の導入', deadlineMonth, sections: spec.sections ?? ['市民課'] },
    },
    { type: 'GoalSubmitted', data: { goalId } },
    { type: 'GoalApproved', data: { goalId } },
  ]);
  return goalId;
}

export async function recordAchievement(store: EventStore, clock: Clock, goalId: string): Promise<void> {
  await append(store, clock, goalStreamId(goalId), [{ type: 'AchievementRecorded', data: { goalId, level: 'ほぼ達成した' } }]);
}

async function append(store: EventStore, clock: Clock, streamId: string, events: (GoalEvent | SheetEvent)[]): Promise<void> {
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

export async function eventually<T>(check: () => Promise<T | Falsy> | T | Falsy, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
