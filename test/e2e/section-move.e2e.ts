/**
 * A 課 moved to another 部 on 4月1日 takes its work along: its 課長 still reads and finishes the goals
 * it had on the old 部's sheet (records the 実績), while deciding them stays with the old 部's head,
 * and the 課長 reads nothing else of the old 部.
 */
import { ManualClock } from '@goals/platform';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

export function sectionMoveEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`a 課 moved to another 部 (${storeName})`, () => {
    let api: AppHarness;
    const clock = new ManualClock('2023-03-10T10:00:00+09:00');

    beforeAll(async () => {
      api = await startApp(env(), clock);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('its 課長 finishes last year’s goals on the old 部’s sheet; the old 部長 decides them', async () => {
      const opened = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
      expect(opened.status).toBe(201);
      const draft = async (who: string, section: string) => {
        const drafted = await api.call(who, 'POST', `/sheets/${opened.body.sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title: `${section}の目標`, sections: [section] },
        });
        expect(drafted.status).toBe(201);
        const goalId = drafted.body.goalId as string;
        expect((await api.call(who, 'POST', `/goals/${goalId}/submit`)).status).toBe(200);
        expect(
          (await api.call('bucho', 'POST', `/goals/${goalId}/approve`, { body: { comment: '了承' } })).status,
        ).toBe(200);
        return goalId;
      };
      const bunkaGoal = await draft('kacho-bunka', '文化振興課');
      const shiminGoal = await draft('kacho-shimin', '市民課');

      // 4月1日: 総務部 is established and 文化振興課 moves into it; its 課長 keeps the post.
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2022')).body;
      const bunka = departments[0].sections.find((s: { name: string }) => s.name === '文化振興課').sectionId;
      const somu = await api.call('admin', 'POST', '/admin/departments', {
        body: { name: '総務部', effectiveFrom: '2023-04-01', sections: ['総務課'] },
      });
      expect(somu.status).toBe(201);
      const moved = await api.call('admin', 'POST', `/admin/sections/${bunka}/move`, {
        body: { departmentId: somu.body.id, effectiveFrom: '2023-04-01', reason: '令和5年度機構改革' },
      });
      expect(moved.status).toBe(200);

      clock.set('2023-04-10T10:00:00+09:00');
      const me = (await api.call('kacho-bunka', 'GET', '/me')).body;
      expect(me).toMatchObject({ department: { name: '総務部' }, sections: ['文化振興課'] });

      // Last year's goals of 文化振興課 are still its 課長's to read, list and finish.
      const read = await api.call('kacho-bunka', 'GET', `/goals/${bunkaGoal}`);
      expect([read.status, read.body.title]).toEqual([200, '文化振興課の目標']);
      expect((await api.call('kacho-bunka', 'GET', `/goals/${bunkaGoal}/history`)).status).toBe(200);
      const listed = await api.call('kacho-bunka', 'GET', '/goals?fiscalYear=2022');
      expect(listed.status).toBe(200);
      expect(listed.body.department).toBe('市民生活部');
      expect(listed.body.items.map((g: { title: string }) => g.title)).toEqual(['文化振興課の目標']);
      // Their own list of every year (the web's 自分の目標) carries it too.
      const mine = await api.call('kacho-bunka', 'GET', '/goals');
      expect(mine.body.items.map((g: { title: string; fiscalYear: number }) => [g.title, g.fiscalYear])).toEqual([
        ['文化振興課の目標', 2022],
      ]);
      const recorded = await api.call('kacho-bunka', 'POST', `/goals/${bunkaGoal}/achievement`, {
        body: { level: 'ほぼ達成した' },
      });
      expect(recorded.status).toBe(200);

      // Deciding stays with the head of the sheet's 部; the rest of the old 部 is not theirs to read.
      const approve = await api.call('kacho-bunka', 'POST', `/goals/${bunkaGoal}/achievement/confirm`, {});
      expect(approve.status).toBe(403);
      expect((await api.call('bucho', 'POST', `/goals/${bunkaGoal}/achievement/confirm`, {})).status).toBe(200);
      expect((await api.call('kacho-bunka', 'GET', `/goals/${shiminGoal}`)).status).toBe(403);
      const other = await api.call('kacho-bunka', 'GET', '/goals?fiscalYear=2022&department=市民生活部&section=市民課');
      expect(other.status).toBe(403);

      // The 実績 names the 課長 in the post they held that day: 文化振興課長 of 総務部.
      const history = (await api.call('kansa', 'GET', `/goals/${bunkaGoal}/history`)).body.events;
      expect(history.at(-2).actor).toMatchObject({
        userId: 'kacho-bunka',
        post: expect.objectContaining({ title: '文化振興課長', departmentId: somu.body.id, sectionIds: [bunka] }),
      });
    });
  });
}
