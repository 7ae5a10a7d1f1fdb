/**
 * 次年度への引継ぎ over real HTTP, on either store: 令和4年度 is reported on mid-year, rated and closed;
 * on 4月1日 人権平和課 is split and スポーツ振興課 abolished; the 部長 opens 令和5年度 and carries the
 * unachieved goals, choosing where the split and abolished sections' goals go; the 市民課長 marks a
 * well-rated goal 継続 and carries it. Each draft names its origin (R4-No.n), the origin where it went,
 * both histories say so; carrying again writes nothing.
 */
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

/** 番号 → section, author, the level it ends the year with. */
const GOALS: [number, string, string, string][] = [
  [1, '市民課', 'kacho-shimin', '達成できなかった'],
  [2, '市民課', 'kacho-shimin', '高度に達成した'],
  [3, '人権平和課', 'kacho-jinken', '一部達成した'],
  [4, 'スポーツ振興課', 'kacho-sports', '達成できなかった'],
  [5, '市民課', 'kacho-shimin', 'ほぼ達成した'],
];

/** The harness asks in English; people read the Japanese. */
const JA = { 'accept-language': 'ja' };

export function carryOverEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`carrying a closed year's goals into the next (${storeName})`, () => {
    let api: AppHarness;
    let clock: ManualClock;
    let r4: string;
    let r5: string;
    let heiwa: string;
    const goalIds = new Map<number, string>();
    const sectionId = new Map<string, string>();

    beforeAll(async () => {
      clock = new ManualClock('2022-04-01T09:00:00+09:00', true);
      api = await startApp(env(), clock);
      r4 = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
      for (const [number, section, author] of GOALS) {
        const drafted = await api.call(author, 'POST', `/sheets/${r4}/goals`, {
          body: { ...SAMPLE_GOAL, title: `目標${number}`, sections: [section] },
        });
        expect(drafted.body.number).toBe(number);
        goalIds.set(number, drafted.body.goalId);
        expect((await api.call(author, 'POST', `/goals/${drafted.body.goalId}/submit`, {})).status).toBe(200);
        expect((await api.call('bucho', 'POST', `/goals/${drafted.body.goalId}/approve`, {})).status).toBe(200);
      }
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2022')).body;
      for (const s of departments.find((d: { name: string }) => d.name === '市民生活部').sections)
        sectionId.set(s.name, s.sectionId);
    }, 60_000);
    afterAll(async () => {
      await api?.close();
    });

    const goal = (n: number) => goalIds.get(n)!;

    it('reports 市民課 mid-year: the report is in each goal’s history with its 進捗状況, return and confirmation', async () => {
      clock.set('2022-09-20T10:00:00+09:00');
      await api.call('bucho', 'POST', `/sheets/${r4}/mid-year-windows`, {
        body: { opensOn: '2022-09-01', closesOn: '2022-10-14', label: '上期' },
      });
      const report = `/sheets/${r4}/mid-year-windows/1/reports/${sectionId.get('市民課')}`;
      const entries = (late: string) => [
        { goalId: goal(1), progress: 'やや遅れ', comment: late },
        { goalId: goal(2), progress: '順調', comment: '予定どおり' },
        { goalId: goal(5), progress: '順調', comment: '予定どおり' },
      ];
      expect(
        (await api.call('kacho-shimin', 'POST', `${report}/submit`, { body: { entries: entries('業者選定の遅れ') } }))
          .status,
      ).toBe(200);
      expect(
        (await api.call('bucho', 'POST', `${report}/return`, { body: { reason: '挽回策を書いてください' } })).status,
      ).toBe(200);
      expect(
        (
          await api.call('kacho-shimin', 'POST', `${report}/submit`, {
            body: { entries: entries('業者選定の遅れ。11月契約で挽回') },
          })
        ).status,
      ).toBe(200);
      expect((await api.call('bucho', 'POST', `${report}/confirm`, { body: { comment: '了解' } })).status).toBe(200);

      const history = await api.call('kansa', 'GET', `/goals/${goal(1)}/history`);
      expect(history.status).toBe(200);
      const midYear = history.body.events.filter((e: any) => e.type.startsWith('MidYear'));
      expect(
        midYear.map((e: any) => [
          e.type,
          e.actor.userId,
          e.reason,
          Object.fromEntries(e.changes.map((c: any) => [c.field, c.after])),
        ]),
      ).toEqual([
        [
          'MidYearReportSubmitted',
          'kacho-shimin',
          null,
          { midYearWindow: '第1回', progress: 'やや遅れ', progressComment: '業者選定の遅れ' },
        ],
        ['MidYearReportReturned', 'bucho', '挽回策を書いてください', { midYearWindow: '第1回' }],
        [
          'MidYearReportSubmitted',
          'kacho-shimin',
          null,
          { midYearWindow: '第1回', progress: 'やや遅れ', progressComment: '業者選定の遅れ。11月契約で挽回' },
        ],
        ['MidYearReportConfirmed', 'bucho', null, { midYearWindow: '第1回' }],
      ]);
      expect(midYear[2].changes.find((c: any) => c.field === 'progressComment').before).toBe('業者選定の遅れ');
      expect(midYear[3].comment).toBe('了解');
      // 人権平和課 reported nothing: its goal's history has no 中間報告.
      const other = await api.call('kansa', 'GET', `/goals/${goal(3)}/history`);
      expect(other.body.events.some((e: any) => e.type.startsWith('MidYear'))).toBe(false);
    });

    it('carries the unachieved goals through the lineage, asks where split and abolished sections go, once', async () => {
      clock.set('2023-03-20T10:00:00+09:00');
      for (const [number, , author, level] of GOALS) {
        expect((await api.call(author, 'POST', `/goals/${goal(number)}/achievement`, { body: { level } })).status).toBe(
          200,
        );
        expect((await api.call('bucho', 'POST', `/goals/${goal(number)}/achievement/confirm`, {})).status).toBe(200);
      }
      expect((await api.call('bucho', 'POST', `/sheets/${r4}/close`, {})).status).toBe(200);
      // 令和5年度の機構改革: 人権平和課 split in two, スポーツ振興課 abolished without successor.
      const reason = '令和5年度機構改革';
      const split = await api.call('admin', 'POST', `/admin/sections/${sectionId.get('人権平和課')}/split`, {
        body: {
          into: [{ name: '人権推進課' }, { name: '平和推進課' }],
          effectiveFrom: '2023-04-01',
          reason,
          endPosts: true,
        },
      });
      expect(split.status).toBe(201);
      const [jinkenSuishin] = split.body.establishedSectionIds;
      heiwa = split.body.establishedSectionIds[1];
      expect(
        (
          await api.call('admin', 'POST', `/admin/sections/${sectionId.get('スポーツ振興課')}/abolish`, {
            body: { effectiveFrom: '2023-04-01', reason, endPosts: true },
          })
        ).status,
      ).toBe(200);

      clock.set('2023-04-03T09:00:00+09:00');
      r5 = (
        await api.call('bucho', 'POST', '/sheets', {
          body: { ...SAMPLE_SHEET, fiscalYear: 2023, createdOn: '2023-04-03' },
        })
      ).body.sheetId;
      const offered = await api.call('bucho', 'GET', `/sheets/${r5}/carry-over`);
      expect(offered.status).toBe(200);
      expect(offered.body.from).toEqual({ sheetId: r4, fiscalYear: 2022, closed: true });
      expect(
        offered.body.goals.map((g: any) => [g.citation, g.level, g.candidate, g.mapping.map((m: any) => m.outcome)]),
      ).toEqual([
        ['R4-No.1', '達成できなかった', true, ['same']],
        ['R4-No.2', '高度に達成した', false, ['same']],
        ['R4-No.3', '一部達成した', true, ['split']],
        ['R4-No.4', '達成できなかった', true, ['abolished']],
        ['R4-No.5', 'ほぼ達成した', false, ['same']],
      ]);
      expect(offered.body.goals[2].mapping[0].choices.map((c: any) => c.name)).toEqual(['人権推進課', '平和推進課']);

      // A split section is asked about, never guessed; nothing is written meanwhile.
      const before = await api.eventCount();
      const unasked = await api.call('bucho', 'POST', `/sheets/${r5}/carry-over`, {
        headers: JA,
        body: { goals: [{ goalId: goal(1) }, { goalId: goal(3) }] },
      });
      expect(unasked.status).toBe(400);
      expect(unasked.body.errors[0].field).toBe('goals[1].sections');
      expect(unasked.body.detail).toBe(
        '番号3の人権平和課は令和5年4月1日に分割されました。引き継ぐ課を選んでください（人権推進課、平和推進課）',
      );
      const abolished = await api.call('bucho', 'POST', `/sheets/${r5}/carry-over`, {
        headers: JA,
        body: { goals: [{ goalId: goal(4) }] },
      });
      expect(abolished.status).toBe(400);
      expect(abolished.body.detail).toContain('スポーツ振興課は令和5年4月1日には廃止されていて');
      const wellRated = await api.call('bucho', 'POST', `/sheets/${r5}/carry-over`, {
        headers: JA,
        body: { goals: [{ goalId: goal(5) }] },
      });
      expect(wellRated.status).toBe(409);
      expect(wellRated.body.detail).toContain('継続の指定もないため引継ぎの候補ではありません');
      expect(await api.eventCount()).toBe(before);

      const carry = () =>
        api.call('bucho', 'POST', `/sheets/${r5}/carry-over`, {
          headers: { 'idempotency-key': 'carry-r5' },
          body: { goals: [{ goalId: goal(1) }, { goalId: goal(3), sections: [heiwa] }] },
        });
      const carried = await carry();
      expect(carried.status).toBe(200);
      expect(carried.body.carried.map((c: any) => [c.from.number, c.number])).toEqual([
        [1, 1],
        [3, 2],
      ]);
      const written = await api.eventCount();
      expect((await carry()).body).toEqual(carried.body);
      // Carried again by another request: the same drafts, nothing written.
      const again = await api.call('bucho', 'POST', `/sheets/${r5}/carry-over`, {
        body: { goals: [{ goalId: goal(3) }] },
      });
      expect(again.status).toBe(200);
      expect(again.body.carried).toEqual([carried.body.carried[1]]);
      expect(await api.eventCount()).toBe(written);

      const drafted = await api.call('kacho-shimin', 'GET', `/goals/${carried.body.carried[0].goalId}`);
      expect(drafted.body).toMatchObject({
        sheetId: r5,
        fiscalYear: 2023,
        status: 'draft',
        number: 1,
        title: '目標1',
        sections: ['市民課'],
        carriedFrom: { goalId: goal(1), sheetId: r4, fiscalYear: 2022, number: 1, citation: 'R4-No.1' },
        carriedTo: null,
      });
      const split3 = await api.call('bucho', 'GET', `/goals/${carried.body.carried[1].goalId}`);
      expect(split3.body.sections).toEqual(['平和推進課']);
      expect(split3.body.sectionIds).toEqual([heiwa]);
      expect(jinkenSuishin).not.toBe(heiwa);
      const origin = await api.call('kansa', 'GET', `/goals/${goal(1)}`);
      expect(origin.body.carriedTo).toMatchObject({ sheetId: r5, fiscalYear: 2023, number: 1, citation: 'R5-No.1' });

      // Both sheets show the link.
      const next = await eventually(
        () => api.call('bucho', 'GET', `/sheets/${r5}`),
        (r) => r.body.rows?.length === 2,
      );
      expect(next.body.rows.map((r: any) => r.carriedFrom?.citation)).toEqual(['R4-No.1', 'R4-No.3']);
      const closedSheet = await api.call('kansa', 'GET', `/sheets/${r4}`);
      expect(closedSheet.body.rows.map((r: any) => r.carriedTo?.citation ?? null)).toEqual([
        'R5-No.1',
        null,
        'R5-No.2',
        null,
        null,
      ]);

      // Both histories name it.
      const originHistory = await api.call('kansa', 'GET', `/goals/${goal(1)}/history`);
      expect(originHistory.body.events.at(-1)).toMatchObject({
        type: 'GoalCarriedOver',
        actor: { userId: 'bucho' },
        changes: [{ field: 'carriedTo', before: null, after: 'R5-No.1' }],
      });
      const draftHistory = await api.call('kacho-shimin', 'GET', `/goals/${carried.body.carried[0].goalId}/history`);
      expect(draftHistory.body.events[0].type).toBe('GoalDrafted');
      expect(draftHistory.body.events[0].changes).toContainEqual({
        field: 'carriedFrom',
        before: null,
        after: 'R4-No.1',
      });
    });

    it('lets the 市民課長 mark a well-rated goal 継続 and carry their own section’s goals only', async () => {
      const mine = await api.call('kacho-shimin', 'GET', `/sheets/${r5}/carry-over`);
      expect(mine.body.goals.map((g: any) => g.citation)).toEqual(['R4-No.1', 'R4-No.2', 'R4-No.5']);
      expect(
        (await api.call('kacho-shimin', 'PUT', `/goals/${goal(3)}/continuing`, { body: { continuing: true } })).status,
      ).toBe(403);
      const marked = await api.call('kacho-shimin', 'PUT', `/goals/${goal(2)}/continuing`, {
        body: { continuing: true },
      });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ goalId: goal(2), continuing: true });
      const offered = await api.call('kacho-shimin', 'GET', `/sheets/${r5}/carry-over`);
      expect(offered.body.goals[1]).toMatchObject({ candidate: true, continuing: true, reasons: ['continuing'] });

      const notTheirs = await api.call('kacho-shimin', 'POST', `/sheets/${r5}/carry-over`, {
        body: { goals: [{ goalId: goal(3), sections: [heiwa] }] },
      });
      expect(notTheirs.status).toBe(403);
      const carried = await api.call('kacho-shimin', 'POST', `/sheets/${r5}/carry-over`, {
        body: { goals: [{ goalId: goal(2) }] },
      });
      expect(carried.status).toBe(200);
      expect(carried.body.carried[0]).toMatchObject({ from: { number: 2 }, number: 3 });
      expect(
        (await api.call('kansa', 'POST', `/sheets/${r5}/carry-over`, { body: { goals: [{ goalId: goal(2) }] } }))
          .status,
      ).toBe(403);

      const history = await api.call('kansa', 'GET', `/goals/${goal(2)}/history`);
      expect(history.body.events.slice(-2).map((e: any) => [e.type, e.actor.userId, e.changes[0]])).toEqual([
        ['ContinuationMarked', 'kacho-shimin', { field: 'continuing', before: null, after: '継続' }],
        ['GoalCarriedOver', 'kacho-shimin', { field: 'carriedTo', before: null, after: 'R5-No.3' }],
      ]);
    });
  });
}
