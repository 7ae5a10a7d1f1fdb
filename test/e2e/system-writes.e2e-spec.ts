/**
 * Writes that span or share streams, over real HTTP on the embedded default:
 * - a draft is two appends (the sheet's 番号, the goal); a crash between them must leave either a
 *   numbered goal or nothing visible, and a retry with the same Idempotency-Key completes it;
 * - a reminder recorded while a person's command is between its read and its append must not make
 *   that command fail, and must still show in the goal's history;
 * - data folders from before reminders had streams of their own are still read.
 */
import { randomUUID } from 'node:crypto';
import { emptyOrganisation, goalStreamId, reminderStreamId, ReminderSent } from '@goals/domain';
import { legacyNamesOf } from '@goals/read-models';
import { EventStore, NewEvent } from '@goals/event-store';
import { readGoalReminderState, recordReminderSent } from '@goals/reminders';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

/** Wraps the app's store in place: `before` runs ahead of each append and may throw or write first. */
function interceptAppends(
  store: EventStore,
  before: (streamId: string, events: NewEvent[]) => Promise<void>,
): () => void {
  const original = store.append.bind(store);
  store.append = async (streamId, events, options) => {
    await before(streamId, events);
    return original(streamId, events, options);
  };
  return () => {
    store.append = original;
  };
}

describe('writes that span or share streams', () => {
  let api: AppHarness;
  let sheetId: string;

  beforeAll(async () => {
    api = await startApp();
    const opened = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
    expect(opened.status).toBe(201);
    sheetId = opened.body.sheetId;
  });
  afterAll(async () => {
    await api?.close();
  });

  const sheetRows = async () =>
    (await api.call('kansa', 'GET', `/sheets/${sheetId}`)).body.rows as Array<{
      number: number;
      goalId: string;
      title: string;
    }>;
  const sectionGoals = async () => (await api.call('kacho-shimin', 'GET', '/goals?fiscalYear=2022')).body as unknown;

  it('a crash between the 番号 and the goal leaves nothing visible, and a retry with the same key completes it', async () => {
    const first = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: SAMPLE_GOAL });
    expect(first.status).toBe(201);
    expect(first.body.number).toBe(1);

    // The process dies after the first of the draft's two appends: the second never happens.
    let appends = 0;
    const restore = interceptAppends(api.store, async () => {
      if (++appends === 2) throw new Error('simulated crash between the two appends of a draft');
    });
    const title = '窓口の待ち時間短縮';
    const key = `draft-${randomUUID()}`;
    let crashed;
    try {
      crashed = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
        body: { ...SAMPLE_GOAL, title },
        headers: { 'idempotency-key': key },
      });
    } finally {
      restore();
    }
    expect(crashed.status).toBe(500);
    expect(appends).toBe(2);

    // Nothing of it shows anywhere a person looks: not on the sheet, not in the section's list.
    await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: { ...SAMPLE_GOAL, title: '後から起案した目標' },
    });
    const rows = await eventually(sheetRows, (r) => r.length === 2);
    expect(rows.map((r) => [r.number, r.title])).toEqual([
      [1, SAMPLE_GOAL.title],
      [3, '後から起案した目標'],
    ]);
    expect(JSON.stringify(await sectionGoals())).not.toContain(title);
    // Every goal that exists has its 番号.
    const events = await api.store.readAll();
    const drafted = events.filter((e) => e.type === 'GoalDrafted').map((e) => e.data.goalId);
    const registered = new Set(events.filter((e) => e.type === 'GoalRegistered').map((e) => e.data.goalId));
    expect(drafted.every((g) => registered.has(g))).toBe(true);

    // The client retries with the same Idempotency-Key: the goal appears, with the 番号 it was given.
    const retried = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: { ...SAMPLE_GOAL, title },
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    expect(retried.body.number).toBe(2);
    const goal = await api.call('kacho-shimin', 'GET', `/goals/${retried.body.goalId}`);
    expect(goal.body).toMatchObject({ number: 2, status: 'draft' });
    const after = await eventually(sheetRows, (r) => r.length === 3);
    expect(after.map((r) => [r.number, r.title])).toEqual([
      [1, SAMPLE_GOAL.title],
      [2, title],
      [3, '後から起案した目標'],
    ]);
    // Without a key the client cannot retry: its 番号 stays unused, and renumbering still works.
    appends = 0;
    const again = interceptAppends(api.store, async () => {
      if (++appends === 2) throw new Error('simulated crash between the two appends of a draft');
    });
    try {
      expect((await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: SAMPLE_GOAL })).status).toBe(
        500,
      );
    } finally {
      again();
    }
    const visible = after.map((r) => r.goalId).reverse();
    const renumbered = await api.call('bucho', 'POST', `/sheets/${sheetId}/order`, { body: { goalIds: visible } });
    expect(renumbered.status).toBe(200);
    const reordered = await eventually(sheetRows, (r) => r[0]?.goalId === visible[0]);
    expect(reordered.map((r) => [r.number, r.goalId])).toEqual(visible.map((g, i) => [i + 1, g]));

    // A second retry writes nothing more.
    const count = await api.eventCount();
    expect(
      (
        await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title },
          headers: { 'idempotency-key': key },
        })
      ).body,
    ).toMatchObject({ goalId: retried.body.goalId, number: 2 });
    expect(await api.eventCount()).toBe(count);
  });

  it('a reminder recorded between a person’s read and append does not make their edit fail, and shows in the history', async () => {
    const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: { ...SAMPLE_GOAL, title: '督促と競合する目標' },
    });
    const goalId = drafted.body.goalId as string;
    const reminderId = `${goalId}.deadlineApproaching.2023-01-29`;
    const sent: ReminderSent = {
      type: 'ReminderSent',
      data: {
        goalId,
        reminderId,
        kind: 'deadlineApproaching',
        dueAt: '2023-01-29T00:00:00.000Z',
        recipients: [{ userId: 'kacho-shimin' }],
        deliveredThrough: ['email'],
      },
    };
    // The reminder service records its reminder just as the person's command is about to append.
    const restore = interceptAppends(api.store, async (streamId) => {
      if (streamId !== goalStreamId(goalId)) return;
      restore();
      expect(await recordReminderSent(api.store, sent, new Date())).toBe(true);
    });
    const submitted = await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {
      headers: { 'if-match': '"0"' },
    });
    restore();
    expect(submitted.status).toBe(200);
    expect(submitted.body.revision).toBe(1);

    const history = await api.call('kansa', 'GET', `/goals/${goalId}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'GoalDrafted',
      'ReminderSent',
      'GoalSubmitted',
    ]);
    const trail = await eventually(
      () => api.call('kansa', 'GET', `/audit/trail?sheetId=${sheetId}&limit=200`),
      // The projector follows the store: wait until both the reminder and the submission are in the trail.
      (r) =>
        ['ReminderSent', 'GoalSubmitted'].every((type) =>
          r.body.items?.some((e: { type: string; goalId: string }) => e.type === type && e.goalId === goalId),
        ),
    );
    expect(
      trail.body.items.filter((e: { goalId: string }) => e.goalId === goalId).map((e: { type: string }) => e.type),
    ).toEqual(expect.arrayContaining(['GoalDrafted', 'ReminderSent', 'GoalSubmitted']));
    // Recorded once, however often it is recorded again.
    expect(await recordReminderSent(api.store, sent, new Date())).toBe(false);
    expect((await api.store.readStream(reminderStreamId(goalId))).events).toHaveLength(1);
    expect((await api.store.readStream(goalStreamId(goalId))).events.map((e) => e.type)).toEqual([
      'GoalDrafted',
      'GoalSubmitted',
    ]);
  });

  it('still reads ReminderSent that older versions wrote to the goal’s own stream (schema version 1)', async () => {
    const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: { ...SAMPLE_GOAL, title: '旧データの督促' },
    });
    const goalId = drafted.body.goalId as string;
    const reminderId = `${goalId}.deadlineApproaching.2023-01-29`;
    await api.store.append(goalStreamId(goalId), [
      {
        id: randomUUID(),
        type: 'ReminderSent',
        data: {
          goalId,
          reminderId,
          kind: 'deadlineApproaching',
          dueAt: '2023-01-29T00:00:00.000Z',
          recipients: [],
          channels: ['webhook'],
        },
        metadata: {
          actor: { userId: 'system:reminders', role: 'system' },
          occurredAt: new Date().toISOString(),
          correlationId: reminderId,
          causationId: reminderId,
          schemaVersion: 1,
        },
      },
    ]);
    expect((await readGoalReminderState(api.store, goalId, legacyNamesOf(emptyOrganisation())))!.sent).toEqual([
      reminderId,
    ]);
    const again: ReminderSent = {
      type: 'ReminderSent',
      data: {
        goalId,
        reminderId,
        kind: 'deadlineApproaching',
        dueAt: '2023-01-29T00:00:00.000Z',
        recipients: [],
        deliveredThrough: ['webhook'],
      },
    };
    expect(await recordReminderSent(api.store, again, new Date())).toBe(false);
    // The person who saw revision 0 may still act: a reminder is not a change they missed.
    const submitted = await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {
      headers: { 'if-match': '"0"' },
    });
    expect(submitted.status).toBe(200);
    const history = await api.call('kansa', 'GET', `/goals/${goalId}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'GoalDrafted',
      'ReminderSent',
      'GoalSubmitted',
    ]);
  });
});
