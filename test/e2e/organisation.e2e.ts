/**
 * The organisation over HTTP: an administrator enters a 4月1日 transfer, and authorisation follows
 * the posts held on the day of each request — the moved 課長 loses 市民課 that day, the successor
 * gains it — while the goal's events name the person and the post they acted in.
 */
import { ManualClock } from '@goals/platform';
import { decodeOfficeText, encodeOfficeText } from '@goals/sheet-file';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

export function organisationEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`the organisation over HTTP (${storeName})`, () => {
    let api: AppHarness;
    const clock = new ManualClock('2023-03-31T10:00:00+09:00');

    beforeAll(async () => {
      api = await startApp(env(), clock);
    });
    afterAll(async () => {
      await api?.close();
    });

    const people = async () =>
      (await api.call('admin', 'GET', '/admin/people')).body.people as {
        personId: string;
        loginId: string;
        posts: { postId: string; kind: string; from: string; until?: string; title: string }[];
      }[];

    it('lists the seeded departments with stable ids for every signed-in role', async () => {
      const asHead = await api.call('kacho-keizai', 'GET', '/departments?fiscalYear=2022');
      expect(asHead.status).toBe(200);
      const [department] = asHead.body.departments;
      expect(department).toMatchObject({ name: '市民生活部', headTitle: '市民生活部長' });
      expect(department.sections.map((s: { name: string }) => s.name)).toContain('市民課');
      const again = await api.call('kansa', 'GET', '/departments?fiscalYear=2022');
      expect(again.body).toEqual(asHead.body);
      expect((await api.call('kansa', 'GET', '/departments?fiscalYear=2018')).body.departments).toEqual([]);
      const bad = await api.call('kansa', 'GET', '/departments?fiscalYear=R4');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(bad.body)).toContain('fiscalYear');
    });

    it('moves a 課長 on 4月1日: A may act on 市民課 on 3月31日 and B may not; on 4月1日 the reverse', async () => {
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2022')).body;
      const department = departments[0];
      const shimin = department.sections.find((s: { name: string }) => s.name === '市民課').sectionId;

      // A is kacho-shimin, from the seed; B is registered now.
      const a = (await people()).find((p) => p.loginId === 'kacho-shimin')!;
      const registered = await api.call('admin', 'POST', '/admin/people', {
        body: { name: '馬場一郎', loginId: 'baba', email: 'baba@example.lg.jp', employeeNumber: '20001' },
      });
      expect(registered.status).toBe(201);
      const b = registered.body.id;

      // B cannot head 市民課 while A still does: refused, naming the field, and nothing written.
      const before = await api.eventCount();
      const overlapping = await api.call('admin', 'POST', '/admin/posts', {
        body: {
          personId: b,
          kind: 'sectionHead',
          departmentId: department.departmentId,
          sectionIds: [shimin],
          from: '2023-04-01',
        },
      });
      expect(overlapping.status).toBe(400);
      expect(overlapping.body.errors).toEqual([
        { field: 'from', reason: '市民課長 is 課長 of 市民課 from 2019-04-01' },
      ]);
      const backwards = await api.call('admin', 'POST', `/admin/posts/${a.posts[0].postId}/end`, {
        body: { until: '2019-03-31' },
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors[0].field).toBe('until');
      expect(await api.eventCount()).toBe(before);
      // Only an administrator keeps the directory.
      expect((await api.call('bucho', 'POST', '/admin/people', { body: { name: 'x', loginId: 'x' } })).status).toBe(
        403,
      );

      // The 4月1日 transfer: A's 市民課 post ends on 3月31日, A heads a new 課 from 4月1日, B heads 市民課.
      expect(
        (await api.call('admin', 'POST', `/admin/posts/${a.posts[0].postId}/end`, { body: { until: '2023-03-31' } }))
          .status,
      ).toBe(200);
      const digital = await api.call('admin', 'POST', `/admin/departments/${department.departmentId}/sections`, {
        body: { name: 'デジタル推進課', effectiveFrom: '2023-04-01' },
      });
      expect(digital.status).toBe(201);
      for (const [personId, sectionId] of [
        [a.personId, digital.body.id],
        [b, shimin],
      ]) {
        const assigned = await api.call('admin', 'POST', '/admin/posts', {
          body: {
            personId,
            kind: 'sectionHead',
            departmentId: department.departmentId,
            sectionIds: [sectionId],
            from: '2023-04-01',
          },
        });
        expect(assigned.status).toBe(201);
      }

      const opened = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
      expect(opened.status).toBe(201);
      const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${opened.body.sheetId}/goals`, {
        body: SAMPLE_GOAL,
      });
      expect(drafted.status).toBe(201);
      const goal = `/goals/${drafted.body.goalId}`;

      // 3月31日: B is 経済課's 庶務担当 still, signed in but without rights on 市民課.
      const keizai = department.sections.find((s: { name: string }) => s.name === '経済課').sectionId;
      const clerk = await api.call('admin', 'POST', '/admin/posts', {
        body: {
          personId: b,
          kind: 'clerk',
          departmentId: department.departmentId,
          sectionIds: [keizai],
          from: '2022-04-01',
          until: '2023-03-31',
        },
      });
      expect(clerk.status).toBe(201);
      const revise = (who: string, method: string, revision: number) =>
        api.call(who, 'PATCH', goal, { body: { method }, headers: { 'if-match': `"${revision}"` } });
      const early = await revise('baba', '馬場の案', 0);
      expect([early.status, early.body.detail]).toEqual([403, 'baba works for none of 市民課']);
      expect((await revise('kacho-shimin', '青木の案', 0)).status).toBe(200);

      clock.set('2023-04-01T09:00:00+09:00');
      const refused = await revise('kacho-shimin', '異動後の案', 1);
      expect([refused.status, refused.body.detail]).toEqual([403, 'kacho-shimin works for none of 市民課']);
      expect((await revise('baba', '馬場の案', 1)).status).toBe(200);
      expect(
        (await api.call('kacho-shimin', 'GET', '/departments?fiscalYear=2023')).body.departments[0].sections.map(
          (s: { name: string }) => s.name,
        ),
      ).toContain('デジタル推進課');

      // The events name who acted and the post they held that day.
      const history = await api.call('kansa', 'GET', `${goal}/history`);
      expect(history.status).toBe(200);
      const actors = history.body.events.map((e: { actor: unknown }) => e.actor);
      expect(actors).toEqual([
        expect.objectContaining({
          userId: 'kacho-shimin',
          personId: a.personId,
          post: expect.objectContaining({ title: '市民課長', sectionIds: [shimin] }),
        }),
        expect.objectContaining({
          userId: 'kacho-shimin',
          personId: a.personId,
          post: expect.objectContaining({ title: '市民課長' }),
        }),
        expect.objectContaining({
          userId: 'baba',
          personId: b,
          name: '馬場一郎',
          post: expect.objectContaining({ kind: 'sectionHead', title: '市民課長' }),
        }),
      ]);
    });

    it('renames a section from a fiscal year: the new name from that year, the old one before', async () => {
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2023')).body;
      const keizai = departments[0].sections.find((s: { name: string }) => s.name === '経済課');
      const renamed = await api.call('admin', 'POST', `/admin/sections/${keizai.sectionId}/rename`, {
        body: { name: '産業振興課', effectiveFrom: '2024-04-01' },
      });
      expect(renamed.status).toBe(200);
      const namesIn = async (year: number) =>
        (await api.call('kansa', 'GET', `/departments?fiscalYear=${year}`)).body.departments[0].sections
          .filter((s: { sectionId: string }) => s.sectionId === keizai.sectionId)
          .map((s: { name: string }) => s.name);
      expect(await namesIn(2023)).toEqual(['経済課']);
      expect(await namesIn(2024)).toEqual(['産業振興課']);
      const blank = await api.call('admin', 'POST', `/admin/sections/${keizai.sectionId}/rename`, {
        body: { name: ' ', effectiveFrom: '2025-04-01' },
      });
      expect(blank.status).toBe(400);
      expect(JSON.stringify(blank.body)).toContain('name');
    });

    it('imports a Shift_JIS staff roster all or nothing, with errors by line and column, and exports it', async () => {
      const csv = (rows: string[]) => ['職員番号,氏名,メール,所属部,所属課,職,発令日', ...rows].join('\r\n') + '\r\n';
      const send = (text: string, encoding: 'utf-8' | 'cp932') =>
        api.call('admin', 'POST', '/admin/roster', {
          rawBody: encodeOfficeText(text, encoding),
          contentType: 'text/csv',
        });
      const before = await api.eventCount();
      const bad = await send(
        csv([
          '30001,髙橋一郎,takahashi@example.lg.jp,市民生活部,デジタル推進課,庶務担当,2024-04-01',
          '30001,渡邉二郎,,市民生活部,,監査,2024-04-01',
          '30003,斎藤三郎,,市民生活部,存在しない課,課長,2024-04-01',
          '30004,佐藤四郎,,,,監査,2024-02-30',
        ]),
        'cp932',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        { field: '3行目 職員番号', reason: '職員番号 30001 が 2行目と重複しています' },
        { field: '4行目 所属課', reason: '所属課「存在しない課」は市民生活部に 2024-04-01 にありません' },
        { field: '5行目 発令日', reason: '発令日「2024-02-30」は日付（例 2023-04-01）で書いてください' },
      ]);
      expect(await api.eventCount()).toBe(before);

      const good = csv([
        '30001,髙橋一郎,takahashi@example.lg.jp,市民生活部,デジタル推進課,庶務担当,2024/4/1',
        '30002,渡邉二郎,,,,監査,2024-04-01',
      ]);
      const imported = await send(good, 'cp932');
      expect(imported.status).toBe(201);
      expect(imported.body.appointed).toBe(2);
      // The same roster again appoints nobody twice.
      expect((await send(good, 'utf-8')).body.appointed).toBe(0);

      const exported = await fetch(`${api.baseUrl}/api/v1/admin/roster?date=2024-04-01&encoding=cp932`, {
        headers: { authorization: `Bearer ${await api.token('admin')}` },
      });
      expect(exported.status).toBe(200);
      const { text, encoding } = decodeOfficeText(new Uint8Array(await exported.arrayBuffer()));
      expect(encoding).toBe('cp932');
      expect(text.split('\r\n')).toEqual(
        expect.arrayContaining([
          '職員番号,氏名,メール,所属部,所属課,職,発令日',
          '30001,髙橋一郎,takahashi@example.lg.jp,市民生活部,デジタル推進課,庶務担当,2024-04-01',
          '30002,渡邉二郎,,,,監査,2024-04-01',
        ]),
      );
    });

    it('renames a 課 from the next 4月1日 after that year’s goals were drafted: they stay its 課長’s, named by year', async () => {
      clock.set('2024-03-15T10:00:00+09:00');
      const sheetOf = async (fiscalYear: number) => {
        const opened = await api.call('bucho', 'POST', '/sheets', {
          body: { ...SAMPLE_SHEET, fiscalYear, createdOn: `${fiscalYear}-04-01` },
        });
        expect(opened.status).toBe(201);
        return opened.body.sheetId as string;
      };
      const draft = async (sheetId: string, title: string) => {
        const drafted = await api.call('kacho-kyodo', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title, sections: ['協働コミュニティ課'] },
        });
        expect(drafted.status).toBe(201);
        return `/goals/${drafted.body.goalId}`;
      };
      // 令和5年度 (running) and 令和6年度 (prepared in March): both drafted under 協働コミュニティ課.
      const r5 = await sheetOf(2023);
      const r6 = await sheetOf(2024);
      const lastYears = await draft(r5, '地域活動の担い手育成');
      const nextYears = await draft(r6, '自治会加入率の向上');

      // The 機構改革 is entered afterwards: 協働コミュニティ課 is 地域協働課 from 令和6年4月1日.
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2023')).body;
      const kyodo = departments[0].sections.find((s: { name: string }) => s.name === '協働コミュニティ課');
      const renamed = await api.call('admin', 'POST', `/admin/sections/${kyodo.sectionId}/rename`, {
        body: { name: '地域協働課', effectiveFrom: '2024-04-01' },
      });
      expect(renamed.status).toBe(200);

      clock.set('2024-04-02T09:00:00+09:00');
      // The 令和6年度 goal reads with the name of its year; the 令和5年度 one with the old name.
      const read = async (goal: string) => (await api.call('kacho-kyodo', 'GET', goal)).body;
      expect((await read(nextYears)).sections).toEqual(['地域協働課']);
      expect((await read(lastYears)).sections).toEqual(['協働コミュニティ課']);
      expect((await read(nextYears)).sectionIds).toEqual([kyodo.sectionId]);

      // Its 課長 still revises and submits both; the name a goal is written with is the one of its year.
      const revise = (goal: string, body: object, revision: number) =>
        api.call('kacho-kyodo', 'PATCH', goal, { body, headers: { 'if-match': `"${revision}"` } });
      const oldName = await revise(nextYears, { sections: ['協働コミュニティ課'] }, 0);
      expect(oldName.status).toBe(400);
      expect(oldName.body.errors[0].field).toBe('sections');
      expect(oldName.body.errors[0].reason).toContain('令和6年度');
      expect((await revise(nextYears, { sections: ['地域協働課'], method: '加入促進月間を設ける。' }, 0)).status).toBe(
        200,
      );
      expect((await revise(lastYears, { method: '講座を年4回開く。' }, 0)).status).toBe(200);
      for (const goal of [nextYears, lastYears]) {
        expect((await api.call('kacho-kyodo', 'POST', `${goal}/submit`)).status).toBe(200);
        // Someone else's 課 is still refused, and the refusal names the 課 as people know it.
        const other = await api.call('kacho-sports', 'POST', `${goal}/withdraw`);
        expect(other.status).toBe(403);
        expect((await api.call('bucho', 'POST', `${goal}/approve`, { body: { comment: '了承' } })).status).toBe(200);
        expect((await read(goal)).status).toBe('approved');
      }
      const refused = await api.call('kacho-sports', 'PATCH', nextYears, {
        body: { title: 'x' },
        headers: { 'if-match': '"3"' },
      });
      expect([refused.status, refused.body.rule, refused.body.detail]).toEqual([
        403,
        'own-section',
        'kacho-sports works for none of 地域協働課',
      ]);

      // Exported, each year's sheet prints the 課 as it was named that year.
      const exported = async (sheetId: string) => {
        const response = await fetch(`${api.baseUrl}/api/v1/sheets/${sheetId}/export?format=tsv`, {
          headers: { authorization: `Bearer ${await api.token('bucho')}` },
        });
        expect(response.status).toBe(200);
        return (await response.text())
          .split('\n')
          .find((line) => line.includes('\t自治会加入率') || line.includes('\t地域活動'))!;
      };
      expect(await exported(r6)).toContain('\t地域協働課\t');
      expect(await exported(r6)).not.toContain('協働コミュニティ課');
      expect(await exported(r5)).toContain('\t協働コミュニティ課\t');
      const sheet = (await api.call('kansa', 'GET', `/sheets/${r6}`)).body;
      expect(sheet.rows.map((r: { sections: string[] }) => r.sections)).toEqual([['地域協働課']]);
      // The history shows the change of 共通/課名 in the names of the goal's year, too.
      const history = (await api.call('kansa', 'GET', `${nextYears}/history`)).body;
      expect(history.events[0].changes).toContainEqual({ field: 'sections', before: null, after: ['地域協働課'] });
    });
  });
}
