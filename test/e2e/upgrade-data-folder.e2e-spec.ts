/**
 * Upgrading a data folder in place: the current service started on a copy of a folder the release of
 * 2026-11-24 (commit 89261d5) wrote, whose events name departments and sections (schema version 1)
 * and whose sheet id was derived from the department's name (test/fixtures/data-folder-2026-11-24).
 * Only the event store is kept: the read models are rebuilt from it, and the directory stream is
 * seeded from config/directory.json, as on the first start of any upgraded folder.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivedUuid } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';

const FIXTURE = join(__dirname, '..', 'fixtures', 'data-folder-2026-11-24');
/** Ids the old release gave; the sheet's was derived from 市民生活部 and 2026. */
const SHEET = '67a1d446-0b37-840f-8d0f-87df65626244';
const GOAL = {
  onestop: '907b7b34-b0ef-426b-8bb2-ee9e3618e6e2',
  multilingual: 'e1f153b4-59df-41b5-892f-48aabbcdcead',
  startups: 'cc15d4c5-a137-4f7b-ac0e-9c65df96a7d9',
  overtime: '93ead2bc-ea16-4219-beb9-5415c398b17b',
};

describe('a data folder of the release of 2026-11-24, upgraded in place', () => {
  let api: AppHarness;
  let folder: string;
  const clock = new ManualClock('2026-11-26T10:00:00+09:00');

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'goal-sheet-upgrade-'));
    copyFileSync(join(FIXTURE, 'events.sqlite'), join(folder, 'events.sqlite'));
    api = await startApp({ DATA_DIR: folder }, clock);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the sheet and its goals back with their names, 番号 and states', async () => {
    const sheet = await eventually(
      () => api.call('kansa', 'GET', `/sheets/${SHEET}`),
      (r) => r.status === 200 && r.body.rows.length === 4,
    );
    expect(sheet.status).toBe(200);
    expect(sheet.body).toMatchObject({
      department: '市民生活部',
      fiscalYear: 2026,
      fiscalYearLabel: '令和8年度',
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    });
    expect(
      sheet.body.rows.map((r: { number: number; title: string; status: string; sections: string[] }) => [
        r.number,
        r.title,
        r.status,
        r.sections,
      ]),
    ).toEqual([
      [1, '転出・転入手続のワンストップ化の実現', 'achievementRecorded', ['市民課']],
      [2, '窓口案内の多言語化', 'returned', ['市民課', '経済課']],
      [3, '創業支援の拡充', 'submitted', ['経済課']],
      [4, '時間外勤務の縮減', 'approved', ['共通']],
    ]);
    const startups = await api.call('kacho-keizai', 'GET', `/goals/${GOAL.startups}`);
    expect(startups.body).toMatchObject({ targetLevel: '創業相談を年60件受ける。', revision: 2, number: 3 });
    const onestop = await api.call('kacho-shimin', 'GET', `/goals/${GOAL.onestop}`);
    expect(onestop.body).toMatchObject({ achievement: 'ほぼ達成した', achievementComment: '予定どおり稼働' });
    // Found by department and year under the id the old release derived from the name: not opened twice.
    const again = await api.call('bucho', 'POST', '/sheets', {
      body: {
        department: '市民生活部',
        fiscalYear: 2026,
        createdOn: '2026-04-01',
        headTitle: '市民生活部長',
        headName: '沢柳和彦',
      },
    });
    expect(again.status).toBe(409);
    const listed = await api.call('bucho', 'GET', '/sheets?fiscalYear=2026');
    expect(listed.body.items.map((s: { sheetId: string }) => s.sheetId)).toEqual([SHEET]);
    const inbox = await api.call('bucho', 'GET', '/inbox');
    expect(inbox.body.items.map((i: { goalId: string; sections: string[] }) => [i.goalId, i.sections])).toEqual([
      [GOAL.onestop, ['市民課']],
      [GOAL.startups, ['経済課']],
    ]);
  });

  it('lets the 課長 revise and resubmit their returned goal and the 部長 approve it', async () => {
    const returned = await api.call('kacho-shimin', 'GET', `/goals/${GOAL.multilingual}`);
    expect(returned.body).toMatchObject({ status: 'returned', lastReturnReason: '達成水準を具体的に', revision: 2 });
    const revised = await api.call('kacho-shimin', 'PATCH', `/goals/${GOAL.multilingual}`, {
      body: { targetLevel: '主要5窓口で英語・中国語・韓国語・ベトナム語・ポルトガル語の案内ができる。' },
      headers: { 'if-match': '"2"' },
    });
    expect(revised.status).toBe(200);
    expect((await api.call('kacho-shimin', 'POST', `/goals/${GOAL.multilingual}/submit`)).status).toBe(200);
    // Another 課's 課長 is refused, by the ids the old names stood for.
    const other = await api.call('kacho-sports', 'POST', `/goals/${GOAL.startups}/withdraw`);
    expect([other.status, other.body.detail]).toEqual([403, 'kacho-sports works for none of 経済課']);
    for (const goal of [GOAL.multilingual, GOAL.startups]) {
      const approved = await api.call('bucho', 'POST', `/goals/${goal}/approve`, { body: { comment: '了承' } });
      expect(approved.status).toBe(200);
    }
    expect((await api.call('bucho', 'GET', `/goals/${GOAL.multilingual}`)).body).toMatchObject({
      status: 'approved',
      sections: ['市民課', '経済課'],
      targetLevel: '主要5窓口で英語・中国語・韓国語・ベトナム語・ポルトガル語の案内ができる。',
    });
    const confirmed = await api.call('bucho', 'POST', `/goals/${GOAL.onestop}/achievement/confirm`);
    expect(confirmed.status).toBe(200);
  });

  it('keeps the old events in the history, and the hash chain verifies across the upgrade', async () => {
    const history = await api.call('kansa', 'GET', `/goals/${GOAL.onestop}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.events.map((e: { type: string; actor: { userId: string } }) => [e.type, e.actor.userId]),
    ).toEqual([
      ['GoalDrafted', 'kacho-shimin'],
      ['GoalSubmitted', 'kacho-shimin'],
      ['GoalApproved', 'bucho'],
      ['AchievementRecorded', 'kacho-shimin'],
      ['AchievementConfirmed', 'bucho'],
    ]);
    expect(history.body.events[0].changes).toContainEqual({ field: 'sections', before: null, after: ['市民課'] });
    const trail = await eventually(
      () => api.call('kansa', 'GET', `/audit/trail?goalId=${GOAL.startups}`),
      (r) => r.body.items.some((e: { type: string }) => e.type === 'GoalApproved'),
    );
    expect(trail.body.items.find((e: { type: string }) => e.type === 'GoalRevised')).toMatchObject({
      type: 'GoalRevised',
      changes: [{ field: 'targetLevel', before: '創業相談を年50件受ける。', after: '創業相談を年60件受ける。' }],
    });
    const verified = await api.call('kansa', 'GET', '/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body.ok).toBe(true);
    expect(verified.body.checked).toBeGreaterThan(18);
  });
});

describe('goals written by name after departments got ids (before goals did)', () => {
  let api: AppHarness;
  const clock = new ManualClock('2025-05-01T10:00:00+09:00');

  beforeAll(async () => {
    api = await startApp({}, clock);
  });
  afterAll(async () => {
    await api?.close();
  });

  /** As the service wrote them between the two releases: schema version 1, names only. */
  const appendOld = (streamId: string, events: { type: string; data: Record<string, unknown> }[], by: string) =>
    api.store.append(
      streamId,
      events.map((e) => ({
        id: randomUUID(),
        ...e,
        metadata: {
          actor: { userId: by, role: 'departmentHead' },
          occurredAt: clock.now().toISOString(),
          correlationId: 'before-ids',
          causationId: 'before-ids',
          schemaVersion: 1,
        },
      })),
    );

  it('finds the department and sections a name stood for in the goal’s year, with the ids the directory gave them', async () => {
    // 総務部 was created by an administrator, with ids of its own (not derived from names).
    const created = await api.call('admin', 'POST', '/admin/departments', {
      body: { name: '総務部', effectiveFrom: '2025-04-01', sections: ['総務課', '人事課'] },
    });
    expect(created.status).toBe(201);
    const departments = (await api.call('admin', 'GET', '/departments?fiscalYear=2025')).body.departments;
    const somu = departments.find((d: { name: string }) => d.name === '総務部');
    const section = (name: string) => somu.sections.find((s: { name: string }) => s.name === name).sectionId;
    for (const [loginId, name, kind, sectionIds] of [
      ['somu-bucho', '総務 一郎', 'departmentHead', undefined],
      ['somu-kacho', '総務 花子', 'sectionHead', [section('総務課')]],
    ] as const) {
      const person = await api.call('admin', 'POST', '/admin/people', { body: { name, loginId } });
      const post = await api.call('admin', 'POST', '/admin/posts', {
        body: { personId: person.body.id, kind, departmentId: somu.departmentId, from: '2025-04-01', sectionIds },
      });
      expect(post.status).toBe(201);
    }

    const sheetId = derivedUuid('sheet', '総務部', '2025');
    const goalId = randomUUID();
    await appendOld(
      `sheet-${sheetId}`,
      [
        {
          type: 'SheetOpened',
          data: {
            sheetId,
            department: '総務部',
            fiscalYear: 2025,
            createdOn: '2025-04-01',
            headTitle: '総務部長',
            headName: '総務 一郎',
          },
        },
        { type: 'GoalRegistered', data: { sheetId, goalId, number: 1 } },
      ],
      'somu-bucho',
    );
    await appendOld(
      `goal-${goalId}`,
      [
        {
          type: 'GoalDrafted',
          data: {
            goalId,
            sheetId,
            department: '総務部',
            fiscalYear: 2025,
            title: '文書管理の電子化',
            category: '行政改革',
            targetLevel: '決裁の9割が電子で行われている。',
            method: '文書管理システムを導入する。',
            deadlineMonth: 3,
            sections: ['総務課'],
          },
        },
        { type: 'GoalRevised', data: { goalId, changes: { sections: ['総務課', '人事課'] } } },
        { type: 'GoalSubmitted', data: { goalId } },
        { type: 'GoalReturned', data: { goalId, reason: '人事課の役割を書いてください' } },
      ],
      'somu-kacho',
    );
    // 総務課 becomes 総務企画課 from the next 4月1日: the 令和7年度 goal keeps the name of its year.
    const renamed = await api.call('admin', 'POST', `/admin/sections/${section('総務課')}/rename`, {
      body: { name: '総務企画課', effectiveFrom: '2026-04-01' },
    });
    expect(renamed.status).toBe(200);

    const goal = await api.call('somu-kacho', 'GET', `/goals/${goalId}`);
    expect(goal.body).toMatchObject({
      department: '総務部',
      departmentId: somu.departmentId,
      sections: ['総務課', '人事課'],
      sectionIds: [section('総務課'), section('人事課')],
      status: 'returned',
    });
    const sheet = await eventually(
      () => api.call('somu-bucho', 'GET', `/sheets/${sheetId}`),
      (r) => r.status === 200 && r.body.rows.length === 1,
    );
    expect(sheet.body).toMatchObject({ department: '総務部', departmentId: somu.departmentId });
    const revised = await api.call('somu-kacho', 'PATCH', `/goals/${goalId}`, {
      body: { method: '文書管理システムを導入し、人事課が研修を行う。' },
      headers: { 'if-match': '"3"' },
    });
    expect(revised.status).toBe(200);
    expect((await api.call('somu-kacho', 'POST', `/goals/${goalId}/submit`)).status).toBe(200);
    expect((await api.call('somu-bucho', 'POST', `/goals/${goalId}/approve`, { body: {} })).status).toBe(200);
    // The sheet is found under the id derived from the name it was opened under.
    const again = await api.call('somu-bucho', 'POST', '/sheets', {
      body: {
        department: '総務部',
        fiscalYear: 2025,
        createdOn: '2025-04-01',
        headTitle: '総務部長',
        headName: '総務 一郎',
      },
    });
    expect(again.status).toBe(409);
    const listed = await api.call('somu-bucho', 'GET', '/sheets?fiscalYear=2025');
    expect(listed.body.items.map((s: { sheetId: string; department: string }) => [s.sheetId, s.department])).toEqual([
      [sheetId, '総務部'],
    ]);
  });
});
