import { GOAL_EVENTS, GoalEvent, REMINDER_EVENTS } from '../goal/goal.events';
import { SHEET_EVENTS } from '../sheet/sheet.events';
import { foldOrganisation } from '../organisation/organisation';
import { legacyNamesIn } from '../organisation/organisation-names';
import { envelope, schemaOf } from './stored-events';
import { eventSchema, UnknownSchemaVersion } from './event-schema';

const goalId = 'a3f0c1de-0000-4000-8000-000000000001';
const stored = (type: string, data: Record<string, unknown>, schemaVersion?: number) => ({
  streamId: `goal-${goalId}`,
  revision: 0n,
  type,
  data,
  metadata: schemaVersion === undefined ? {} : { schemaVersion },
});

/** ReminderSent as data folders written before schema version 2 hold it, in the goal's stream. */
const reminderSentV1 = stored(
  'ReminderSent',
  {
    goalId,
    reminderId: `${goalId}:deadline:2023-01-31`,
    kind: 'deadline',
    dueAt: '2023-01-31T00:00:00.000Z',
    recipients: [{ userId: 'kacho-shimin' }],
    channels: ['email', 'webhook'],
  },
  1,
);

describe('reading stored events', () => {
  it('upcasts ReminderSent version 1 (channels) to version 2 (deliveredThrough), keeping the stored place', () => {
    const [event] = GOAL_EVENTS.read([reminderSentV1]);
    expect(event.type).toBe('ReminderSent');
    expect(event.data).toEqual({
      goalId,
      reminderId: `${goalId}:deadline:2023-01-31`,
      kind: 'deadline',
      dueAt: '2023-01-31T00:00:00.000Z',
      recipients: [{ userId: 'kacho-shimin' }],
      deliveredThrough: ['email', 'webhook'],
    });
    expect(event).toMatchObject({ streamId: `goal-${goalId}`, revision: 0n });
    // The stored event itself is left as it was: events are never changed in place.
    expect(reminderSentV1.data).toHaveProperty('channels');
    expect(REMINDER_EVENTS.read([reminderSentV1])[0].data).toEqual(event.data);
  });

  it('reads an event without a recorded version as version 1, and today’s version as it is', () => {
    const old = stored('ReminderSent', { ...reminderSentV1.data }, undefined);
    expect(GOAL_EVENTS.read([old])[0].data).toHaveProperty('deliveredThrough', ['email', 'webhook']);
    const current = stored(
      'ReminderSent',
      { ...reminderSentV1.data, channels: undefined, deliveredThrough: ['email'] },
      2,
    );
    expect(GOAL_EVENTS.read([current])[0]).toBe(current);
  });

  it('refuses an event written by a newer service rather than misreading it', () => {
    expect(() => GOAL_EVENTS.read([stored('ReminderSent', reminderSentV1.data, 3)])).toThrow(UnknownSchemaVersion);
  });

  it('keeps only the stream’s own types, in order', () => {
    const events = [
      stored('GoalDrafted', { goalId }, 2),
      stored('$metadata', {}),
      stored('GoalRegistered', { goalId, sheetId: 's', number: 1 }),
      stored('GoalSubmitted', { goalId }),
    ];
    expect(GOAL_EVENTS.read(events).map((e) => e.type)).toEqual(['GoalDrafted', 'GoalSubmitted']);
    expect(SHEET_EVENTS.read(events).map((e) => e.type)).toEqual(['GoalRegistered']);
  });

  it('applies a chain of upcasters in order, from the stored version to today’s', () => {
    type Renamed = { type: 'Renamed'; data: { name: string; tags: string[] } };
    const schema = eventSchema<Renamed>(['Renamed'], {
      Renamed: { 1: ({ title, ...rest }) => ({ ...rest, name: title }), 2: (data) => ({ ...data, tags: [] }) },
    });
    expect(schema.version('Renamed')).toBe(3);
    expect(
      schema.read([{ type: 'Renamed', data: { title: '市民課' }, metadata: { schemaVersion: 1 } }])[0].data,
    ).toEqual({ name: '市民課', tags: [] });
    expect(
      schema.read([{ type: 'Renamed', data: { name: 'x', tags: ['y'] }, metadata: { schemaVersion: 3 } }])[0].data,
    ).toEqual({ name: 'x', tags: ['y'] });
  });
});

describe('goals and sheets written before ids (schema version 1)', () => {
  /** A stand-in for the service's derived ids: what matters is that the same parts give the same id. */
  const derive = (...parts: string[]) => `derived(${parts.join('/')})`;
  const dept = 'dep-random';
  /** 市民課 became 市民窓口課 from 令和6年4月1日, entered after the old goals were written. */
  const organisation = foldOrganisation([
    {
      type: 'DepartmentEstablished',
      data: { departmentId: dept, name: '市民生活部', headTitle: '市民生活部長', effectiveFrom: '2019-04-01' },
    },
    {
      type: 'SectionEstablished',
      data: { sectionId: 'sec-shimin', departmentId: dept, name: '市民課', effectiveFrom: '2019-04-01' },
    },
    {
      type: 'SectionEstablished',
      data: { sectionId: 'sec-keizai', departmentId: dept, name: '経済課', effectiveFrom: '2019-04-01' },
    },
    { type: 'SectionRenamed', data: { sectionId: 'sec-shimin', name: '市民窓口課', effectiveFrom: '2024-04-01' } },
  ]);
  const drafted = (fiscalYear: number) =>
    stored('GoalDrafted', {
      goalId,
      sheetId: 's',
      department: '市民生活部',
      fiscalYear,
      title: 't',
      category: '行政改革',
      targetLevel: 'l',
      method: 'm',
      deadlineMonth: 2,
      sections: ['市民課', '共通'],
    });

  it('finds the department and sections the names stood for in the fiscal year, even renamed since', () => {
    const names = legacyNamesIn(organisation, derive);
    for (const year of [2023, 2024]) {
      const [event] = GOAL_EVENTS.read([drafted(year)], { names });
      expect(event.data).toMatchObject({ departmentId: dept, sections: ['sec-shimin', '共通'] });
      expect(event.data).not.toHaveProperty('department');
    }
  });

  it('reads a later change of sections in the department its draft named', () => {
    const names = legacyNamesIn(organisation, derive);
    const revised = stored('GoalRevised', { goalId, changes: { sections: ['経済課'], title: 'u' } });
    const [, event] = GOAL_EVENTS.read([drafted(2023), revised], { names });
    expect(event.data).toEqual({ goalId, changes: { sections: ['sec-keizai'], title: 'u' } });
  });

  it('gives the ids the directory seed derives from names when the organisation does not know them', () => {
    const names = legacyNamesIn(foldOrganisation([]), derive);
    const [event] = GOAL_EVENTS.read([drafted(2022)], { names });
    expect(event.data).toMatchObject({
      departmentId: 'derived(department/市民生活部)',
      sections: ['derived(section/市民生活部/市民課)', '共通'],
    });
    const opened = stored('SheetOpened', { sheetId: 's', department: '市民生活部', fiscalYear: 2022 }, 1);
    expect(SHEET_EVENTS.read([opened], { names })[0].data).toEqual({
      sheetId: 's',
      departmentId: 'derived(department/市民生活部)',
      fiscalYear: 2022,
    });
  });

  it('refuses to guess without the organisation', () => {
    expect(() => GOAL_EVENTS.read([drafted(2022)])).toThrow(/read with the organisation/);
  });
});

describe('the envelope', () => {
  it('stamps the schema version of the event’s own schema, who, when, why, and the writer’s extras', () => {
    const returned: GoalEvent = { type: 'GoalReturned', data: { goalId, reason: '達成水準を具体的に' } };
    const event = envelope(returned, 'id-1', {
      actor: { userId: 'bucho', role: 'departmentHead' },
      occurredAt: '2022-04-05T01:00:00.000Z',
      correlationId: 'c',
      causationId: 'k',
      extra: { idempotencyKey: 'key-1' },
    });
    expect(event).toEqual({
      id: 'id-1',
      type: 'GoalReturned',
      data: returned.data,
      metadata: {
        actor: { userId: 'bucho', role: 'departmentHead' },
        occurredAt: '2022-04-05T01:00:00.000Z',
        correlationId: 'c',
        causationId: 'k',
        schemaVersion: 1,
        reason: '達成水準を具体的に',
        idempotencyKey: 'key-1',
      },
    });
    const sent = envelope({ type: 'ReminderSent', data: { ...reminderSentV1.data } }, 'id-2', {
      actor: { userId: 's', role: 'system' },
      occurredAt: 'x',
      correlationId: 'c',
      causationId: 'c',
    });
    expect(sent.metadata.schemaVersion).toBe(2);
    expect(schemaOf('GoalRegistered')).toBe(SHEET_EVENTS);
  });
});
