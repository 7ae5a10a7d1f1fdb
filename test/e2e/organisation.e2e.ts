/**
 * The organisation over HTTP: an administrator enters a 4月1日 transfer, and authorisation follows
 * the posts held on the day of each request — the moved 課長 loses 市民課 that day, the successor
 * gains it — while the goal's events name the person and the post they acted in.
 */
import { ManualClock } from '@goals/platform';
import { decodeOfficeText, encodeOfficeText } from '@goals/sheet-file';
import { AppHarness, eventually, startApp } from '../support/app-harness';
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

    it('exports the seeded staff as a roster that imports back unchanged, in either encoding', async () => {
      for (const encoding of ['utf-8', 'cp932'] as const) {
        const exported = await fetch(`${api.baseUrl}/api/v1/admin/roster?date=2023-03-31&encoding=${encoding}`, {
          headers: { authorization: `Bearer ${await api.token('admin')}` },
        });
        expect(exported.status).toBe(200);
        const bytes = new Uint8Array(await exported.arrayBuffer());
        const { text } = decodeOfficeText(bytes);
        // Every seeded person has a 職員番号, so the import finds them instead of registering someone new.
        expect(text.split('\r\n')).toEqual(
          expect.arrayContaining([
            '10001,沢柳和彦,bucho@example.lg.jp,市民生活部,,部長,2019-04-01',
            '10002,市民課長,shimin@example.lg.jp,市民生活部,市民課,課長,2019-04-01',
            '10009,システム管理者,,,,管理者,2019-04-01',
          ]),
        );
        const before = await api.eventCount();
        const imported = await api.call('admin', 'POST', '/admin/roster', { rawBody: bytes, contentType: 'text/csv' });
        expect([imported.status, imported.body.appointed]).toEqual([201, 0]);
        expect(await api.eventCount()).toBe(before);
      }
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
      const bunka = departments[0].sections.find((s: { name: string }) => s.name === '文化振興課');
      const renamed = await api.call('admin', 'POST', `/admin/sections/${bunka.sectionId}/rename`, {
        body: { name: '文化観光課', effectiveFrom: '2024-04-01' },
      });
      expect(renamed.status).toBe(200);
      const namesIn = async (year: number) =>
        (await api.call('kansa', 'GET', `/departments?fiscalYear=${year}`)).body.departments[0].sections
          .filter((s: { sectionId: string }) => s.sectionId === bunka.sectionId)
          .map((s: { name: string }) => s.name);
      expect(await namesIn(2023)).toEqual(['文化振興課']);
      expect(await namesIn(2024)).toEqual(['文化観光課']);
      const blank = await api.call('admin', 'POST', `/admin/sections/${bunka.sectionId}/rename`, {
        body: { name: ' ', effectiveFrom: '2025-04-01' },
      });
      expect(blank.status).toBe(400);
      expect(JSON.stringify(blank.body)).toContain('name');
    });

    it('4月1日の機構改革: 市民課 and 経済課 merge into 市民経済課, 協働コミュニティ課 splits in two, lineage both ways', async () => {
      type Section = { sectionId: string; name: string };
      const listing = async (year: number) =>
        (await api.call('kansa', 'GET', `/departments?fiscalYear=${year}`)).body.departments as {
          departmentId: string;
          name: string;
          headTitle: string;
          sections: Section[];
        }[];
      const [department] = await listing(2023);
      const id = (name: string) => department.sections.find((s) => s.name === name)!.sectionId;
      const [shimin, keizai, kyodo, jinken, sports] = [
        '市民課',
        '経済課',
        '協働コミュニティ課',
        '人権平和課',
        'スポーツ振興課',
      ].map(id);

      // 令和6年度's sheet is opened early, and 市民課 and 人権平和課 draft a goal each on it.
      const sheet = await api.call('bucho', 'POST', '/sheets', {
        body: { ...SAMPLE_SHEET, fiscalYear: 2024, createdOn: '2024-04-01' },
      });
      expect(sheet.status).toBe(201);
      const draft = async (who: string, section: string, title: string) => {
        const drafted = await api.call(who, 'POST', `/sheets/${sheet.body.sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title, sections: [section] },
        });
        expect(drafted.status).toBe(201);
        return drafted.body.goalId as string;
      };
      const shiminGoal = await draft('baba', '市民課', '窓口のワンストップ化');
      const jinkenGoal = await draft('kacho-jinken', '人権平和課', '平和啓発事業の見直し');
      // The goals are found through the read model, which follows the events a moment later.
      for (const [section, goalId] of [
        ['市民課', shiminGoal],
        ['人権平和課', jinkenGoal],
      ])
        expect(
          JSON.stringify(
            (
              await eventually(
                () =>
                  api.call(
                    'kansa',
                    'GET',
                    `/goals?department=${encodeURIComponent('市民生活部')}&section=${encodeURIComponent(section)}&fiscalYear=2024`,
                  ),
                (r) => JSON.stringify(r.body).includes(goalId),
              )
            ).body,
          ),
        ).toContain(goalId);

      const before = await api.eventCount();
      const reason = '令和6年度機構改革（組織規則の一部改正）';
      const refused = async (path: string, body: object, field: string, says: string) => {
        const r = await api.call('admin', 'POST', path, { body: { effectiveFrom: '2024-04-01', reason, ...body } });
        expect([r.status, r.headers.get('content-type')]).toEqual([400, expect.stringContaining('problem+json')]);
        expect(r.body.errors).toEqual(
          expect.arrayContaining([{ field, reason: expect.stringContaining(says) as string }]),
        );
      };
      const merge = { sectionIds: [shimin, keizai], into: { name: '市民経済課' } };
      const split = { into: [{ name: '協働推進課' }, { name: '地域コミュニティ課' }] };
      // The 課長 still hold their posts after 3月31日: named, with what to do.
      await refused(
        '/admin/sections/merge',
        merge,
        'sectionIds',
        '馬場一郎（baba）の市民課長（2023-04-01〜）が 2024-04-01 以降も続きます',
      );
      await refused('/admin/sections/merge', merge, 'sectionIds', '経済課長（kacho-keizai）の経済課長');
      await refused(
        '/admin/sections/merge',
        { sectionIds: [shimin, keizai], into: { sectionId: shimin } },
        'into.sectionId',
        '市民課をそれ自身に統合することはできません',
      );
      await refused(
        '/admin/sections/merge',
        { sectionIds: [shimin], into: { sectionId: shimin, name: 'x' } },
        'into',
        'either sectionId',
      );
      await refused(
        '/admin/sections/merge',
        { sectionIds: ['6f1c1a52-7d0e-4c41-9a3e-000000000000'], into: { sectionId: keizai } },
        'sectionIds',
        'という課はありません',
      );
      await refused(
        `/admin/sections/${kyodo}/split`,
        { into: [{ name: '協働推進課' }], endPosts: true },
        'into',
        '二つ以上',
      );
      await refused(
        `/admin/sections/${kyodo}/split`,
        { into: [{ name: '経済課' }, { name: '協働推進課' }], endPosts: true },
        'into.0.name',
        '市民生活部には 2024-04-01 に既に経済課があります',
      );
      await refused(
        `/admin/sections/${shimin}/abolish`,
        { effectiveFrom: '2019-04-01' },
        'effectiveFrom',
        '2019-04-01 に設置されました',
      );
      await refused(
        `/admin/sections/${sports}/move`,
        { departmentId: department.departmentId },
        'departmentId',
        '既に市民生活部の課です',
      );
      // 人権平和課 abolished with no successor would leave its 令和6年度 goal with no section.
      await refused(
        `/admin/sections/${jinken}/abolish`,
        { endPosts: true },
        'sectionId',
        '令和6年度の目標「平和啓発事業の見直し」',
      );
      const noReason = await api.call('admin', 'POST', `/admin/sections/${jinken}/abolish`, {
        body: { effectiveFrom: '2024-04-01', endPosts: true },
      });
      expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, 'reason']);
      expect(
        (
          await api.call('bucho', 'POST', '/admin/sections/merge', {
            body: { ...merge, effectiveFrom: '2024-04-01', reason },
          })
        ).status,
      ).toBe(403);
      expect(await api.eventCount()).toBe(before);

      // A department abolished on 4月1日 takes no 課 that day; its own 課 go where it says.
      const kikaku = await api.call('admin', 'POST', '/admin/departments', {
        body: { name: '企画部', effectiveFrom: '2023-04-01', sections: ['企画課'] },
      });
      expect(kikaku.status).toBe(201);
      await refused(
        `/admin/departments/${kikaku.body.id}/abolish`,
        {},
        'sectionsMoveTo',
        '企画部には 2024-04-01 以降も 企画課 があります',
      );
      const abolished = await api.call('admin', 'POST', `/admin/departments/${kikaku.body.id}/abolish`, {
        body: { effectiveFrom: '2024-04-01', reason, sectionsMoveTo: department.departmentId },
      });
      expect(abolished.status).toBe(200);
      await refused(
        `/admin/sections/${sports}/move`,
        { departmentId: kikaku.body.id },
        'departmentId',
        '企画部は 2024-04-01 に廃止されます',
      );
      await refused(
        `/admin/departments/${kikaku.body.id}/abolish`,
        { effectiveFrom: '2025-04-01' },
        'effectiveFrom',
        '2024-04-01 に廃止されています',
      );

      // The reorganisation, ending the old 課長 posts on 3月31日 as part of it.
      const merged = await api.call('admin', 'POST', '/admin/sections/merge', {
        body: { ...merge, effectiveFrom: '2024-04-01', reason, endPosts: true },
      });
      expect(merged.status).toBe(201);
      expect(
        merged.body.endedPosts.map((p: { name: string; title: string; until: string }) => [p.name, p.title, p.until]),
      ).toEqual([
        ['経済課長', '経済課長', '2024-03-31'],
        ['馬場一郎', '市民課長', '2024-03-31'],
      ]);
      const [shiminKeizai] = merged.body.establishedSectionIds;
      const splitUp = await api.call('admin', 'POST', `/admin/sections/${kyodo}/split`, {
        body: { ...split, effectiveFrom: '2024-04-01', reason, endPosts: true },
      });
      expect(splitUp.status).toBe(201);
      expect(splitUp.body.establishedSectionIds).toHaveLength(2);
      const { events } = await api.store.readStream('directory');
      expect(
        events
          .filter((e) => e.type === 'SectionsMerged' || e.type === 'SectionSplit')
          .map((e) => [e.type, e.metadata.reason, e.metadata.actor]),
      ).toEqual([
        [
          'SectionsMerged',
          reason,
          expect.objectContaining({ userId: 'admin', post: expect.objectContaining({ kind: 'admin' }) }),
        ],
        ['SectionSplit', reason, expect.objectContaining({ userId: 'admin' })],
      ]);
      // The posts it ended and the 課 it established say why too.
      const mergeCommand = events.find((e) => e.type === 'SectionsMerged')!.metadata.causationId;
      expect(
        events.filter((e) => e.metadata.causationId === mergeCommand).map((e) => [e.type, e.metadata.reason]),
      ).toEqual([
        ['PostEnded', reason],
        ['PostEnded', reason],
        ['SectionEstablished', reason],
        ['SectionsMerged', reason],
      ]);

      // The old year lists the old 課, the new year the new ones.
      const names = async (year: number) => (await listing(year))[0].sections.map((s) => s.name);
      expect(await names(2023)).toEqual(expect.arrayContaining(['市民課', '経済課', '協働コミュニティ課']));
      expect(await names(2023)).not.toContain('市民経済課');
      expect(await names(2024)).toEqual(
        expect.arrayContaining(['市民経済課', '協働推進課', '地域コミュニティ課', '企画課']),
      );
      expect(await names(2024)).not.toEqual(expect.arrayContaining(['市民課']));
      expect((await names(2024)).filter((n) => ['市民課', '経済課', '協働コミュニティ課'].includes(n))).toEqual([]);

      // Lineage, for every role: where 市民課's work went, and where 市民経済課's came from.
      const lineage = async (sectionId: string, query = '') =>
        (await api.call('kacho-jinken', 'GET', `/organisation/sections/${sectionId}/lineage${query}`)).body;
      expect(await lineage(shimin, '?fiscalYear=2024')).toMatchObject({
        abolishedFrom: '2024-04-01',
        successors: [
          { sectionId: shiminKeizai, name: '市民経済課', change: 'merged', effectiveFrom: '2024-04-01', reason },
        ],
        carriedIn: { fiscalYear: 2024, sections: [{ sectionId: shiminKeizai, name: '市民経済課' }] },
      });
      expect((await lineage(shimin, '?fiscalYear=2023')).carriedIn.sections).toEqual([
        { sectionId: shimin, name: '市民課' },
      ]);
      expect((await lineage(shiminKeizai)).predecessors.map((p: Section) => p.name)).toEqual(['市民課', '経済課']);
      expect((await lineage(kyodo, '?fiscalYear=2024')).carriedIn.sections.map((s: Section) => s.name)).toEqual([
        '協働推進課',
        '地域コミュニティ課',
      ]);
      const unknown = await api.call(
        'kansa',
        'GET',
        `/organisation/sections/6f1c1a52-7d0e-4c41-9a3e-000000000000/lineage`,
      );
      expect(unknown.status).toBe(404);
      expect((await api.call('kansa', 'GET', `/organisation/sections/nope/lineage`)).status).toBe(400);

      // 4月1日: the old 市民課長 holds nothing, so may do nothing, until assigned to 市民経済課.
      clock.set('2024-04-01T09:00:00+09:00');
      const goal = { ...SAMPLE_GOAL, title: '市民経済課の目標', sections: ['市民経済課'] };
      const early = await api.call('baba', 'POST', `/sheets/${sheet.body.sheetId}/goals`, { body: goal });
      expect(early.status).toBe(401);
      const baba = (await people()).find((p) => p.loginId === 'baba')!;
      const assigned = await api.call('admin', 'POST', '/admin/posts', {
        body: {
          personId: baba.personId,
          kind: 'sectionHead',
          departmentId: department.departmentId,
          sectionIds: [shiminKeizai],
          from: '2024-04-01',
        },
      });
      expect(assigned.status).toBe(201);
      expect((await api.call('baba', 'POST', `/sheets/${sheet.body.sheetId}/goals`, { body: goal })).status).toBe(201);
      // A 課長 may not be assigned to a 課 that no longer exists.
      const stale = await api.call('admin', 'POST', '/admin/posts', {
        body: {
          personId: baba.personId,
          kind: 'clerk',
          departmentId: department.departmentId,
          sectionIds: [shimin],
          from: '2024-04-01',
        },
      });
      expect([stale.status, stale.body.errors[0].field]).toEqual([400, 'sectionIds']);

      // A department renamed from a year: its name and its head's 職名 from then, the old ones before.
      const renamed = await api.call('admin', 'POST', `/admin/departments/${department.departmentId}/rename`, {
        body: {
          name: '市民経済部',
          headTitle: '市民経済部長',
          effectiveFrom: '2025-04-01',
          reason: '令和7年度機構改革',
        },
      });
      expect(renamed.status).toBe(200);
      expect((await listing(2024))[0]).toMatchObject({ name: '市民生活部', headTitle: '市民生活部長' });
      expect((await listing(2025))[0]).toMatchObject({ name: '市民経済部', headTitle: '市民経済部長' });
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
      // 市民課 ends on 2024-03-31 (merged into 市民経済課 above): a post in it may not outlast it.
      const outlasting = await send(csv(['30005,中村五郎,,市民生活部,市民課,庶務担当,2023-10-01']), 'utf-8');
      expect([outlasting.status, outlasting.body.errors]).toEqual([
        400,
        [{ field: '2行目 所属課', reason: '市民課は 2024-04-01 に廃止されます。2024-03-31 までの職にしてください' }],
      ]);
      expect(await api.eventCount()).toBe(before);

      const good = csv([
        '30001,髙橋一郎,takahashi@example.lg.jp,市民生活部,デジタル推進課,庶務担当,2024/4/1',
        '30002,渡邉二郎,,,,監査,2024-04-01',
      ]);
      const imported = await send(good, 'cp932');
      expect(imported.status).toBe(201);
      expect(imported.body.appointed).toBe(2);
      // What was registered, as the administrator checks it against the file.
      expect(imported.body.appointments).toEqual([
        expect.objectContaining({
          name: '髙橋一郎',
          loginId: '30001',
          registered: true,
          post: 'デジタル推進課 庶務担当',
          from: '2024-04-01',
        }),
        expect.objectContaining({ name: '渡邉二郎', registered: true, post: '監査', from: '2024-04-01' }),
      ]);
      // The same roster again appoints nobody twice.
      expect((await send(good, 'utf-8')).body).toMatchObject({ appointed: 0, appointments: [] });

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
