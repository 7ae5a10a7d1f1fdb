/**
 * Fills a store with a plausible history fast, for the rebuild benchmark and the projector's crash
 * test: sheets of 100 goals, each goal taken through a whole year (drafted, submitted, returned
 * with a reason, revised, resubmitted, approved, rated, confirmed). The events are written
 * directly, a goal's year in one append, rather than through the deciders, which would cost a
 * stream read per command; the sequence is one the deciders allow.
 */
import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent } from '@goals/event-store';

const GOALS_PER_SHEET = 100;
const SECTIONS = ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課'];

export async function generateEvents(store: EventStore, total: number): Promise<number> {
  let written = 0;
  let sheetNo = 0;
  const meta = (userId: string, role: string, day: number, reason?: string) => ({
    actor: { userId, role },
    occurredAt: new Date(Date.UTC(2022, 3, 1) + day * 86_400_000).toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
    ...(reason ? { reason } : {}),
  });
  const event = (type: string, data: Record<string, unknown>, metadata: NewEvent['metadata']): NewEvent => ({
    id: randomUUID(),
    type,
    data,
    metadata,
  });

  while (written < total) {
    const sheetId = `s${sheetNo}`;
    const fiscalYear = 2019 + (sheetNo % 8);
    const department = `部${Math.floor(sheetNo / 8)}`;
    sheetNo += 1;
    await store.append(
      `sheet-${sheetId}`,
      [
        event(
          'SheetOpened',
          {
            sheetId,
            department,
            fiscalYear,
            createdOn: `${fiscalYear}-04-01`,
            headTitle: `${department}長`,
            headName: '沢柳和彦',
          },
          meta('bucho', 'departmentHead', 0),
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    written += 1;
    const registered: NewEvent[] = [];
    for (let g = 0; g < GOALS_PER_SHEET && written < total; g++) {
      const goalId = `${sheetId}-g${g}`;
      const section = SECTIONS[g % SECTIONS.length];
      const kacho = `kacho-${g % SECTIONS.length}`;
      const year: NewEvent[] = [
        event(
          'GoalDrafted',
          {
            goalId,
            sheetId,
            department,
            fiscalYear,
            title: `目標 ${g + 1} の実施項目`,
            category: '行政改革',
            targetLevel: '業務の効率化が図られ、窓口の待ち時間が短縮されている。',
            method: '手続を見直し、システムを改修する。',
            deadlineMonth: 1 + (g % 12),
            sections: [section],
          },
          meta(kacho, 'sectionHead', 3),
        ),
        event('GoalSubmitted', { goalId }, meta(kacho, 'sectionHead', 4)),
        event(
          'GoalReturned',
          { goalId, reason: '達成水準を数値で示してください' },
          meta('bucho', 'departmentHead', 5, '達成水準を数値で示してください'),
        ),
        event(
          'GoalRevised',
          { goalId, changes: { targetLevel: '窓口の待ち時間が平均10分以内になっている。' } },
          meta(kacho, 'sectionHead', 6),
        ),
        event('GoalSubmitted', { goalId }, meta(kacho, 'sectionHead', 7)),
        event('GoalApproved', { goalId }, meta('bucho', 'departmentHead', 8)),
        event('AchievementRecorded', { goalId, level: 'ほぼ達成した' }, meta(kacho, 'sectionHead', 350)),
        event(
          'AchievementConfirmed',
          { goalId, level: 'ほぼ達成した', recordedLevel: 'ほぼ達成した' },
          meta('bucho', 'departmentHead', 355),
        ),
      ].slice(0, total - written);
      await store.append(`goal-${goalId}`, year, { expectedRevision: 'no_stream' });
      written += year.length;
      registered.push(event('GoalRegistered', { sheetId, goalId, number: g + 1 }, meta(kacho, 'sectionHead', 3)));
    }
    const room = Math.min(registered.length, total - written);
    if (room > 0) await store.append(`sheet-${sheetId}`, registered.slice(0, room), { expectedRevision: 0n });
    written += room;
  }
  return written;
}
