/**
 * The whole workflow over real HTTP, real tokens and a real SQLite file: goals 1, 2, 12 and 19 of
 * the 令和4年度 市民生活部 sheet (19 belongs to four sections) from draft to confirmed achievement.
 */
import { randomUUID } from 'node:crypto';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { fixtureRows, FixtureRow } from '../support/fixture-sheet';

const SHEET = {
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};

/** The section head who writes each goal: goal 19 is written by one of its four sections. */
const AUTHOR: Record<number, string> = { 1: 'kacho-shimin', 2: 'kacho-shimin', 12: 'kacho-jinken', 19: 'kacho-bunka' };

function draftBody(row: FixtureRow) {
  const { title, category, targetLevel, method, deadlineMonth, sections } = row;
  return { title, category, targetLevel, method, deadlineMonth, sections };
}

export function workflowEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`goal workflow over HTTP (${storeName})`, () => {
    let api: AppHarness;
    let sheetId: string;
    const rows = fixtureRows();
    const goalIds = new Map<number, string>();

    beforeAll(async () => {
      // The service's clock runs from the start of 令和4年度, as it would have for this sheet: no
      // reminder falls due during the test, so revisions and event counts are the requests' alone.
      api = await startApp(env(), new ManualClock('2022-04-01T09:00:00+09:00', true));
      const opened = await api.call('bucho', 'POST', '/sheets', { body: SHEET });
      expect(opened.status).toBe(201);
      sheetId = opened.body.sheetId;
    });
    afterAll(async () => {
      await api?.close();
    });

    it('walks goals 1, 2, 12 and 19 through draft → submit → return → resubmit → approve → record → confirm', async () => {
      for (const number of [1, 2, 12, 19]) {
        const row = rows.get(number)!;
        const author = AUTHOR[number];
        const drafted = await api.call(author, 'POST', `/sheets/${sheetId}/goals`, { body: draftBody(row) });
        expect(drafted.status).toBe(201);
        expect(drafted.headers.get('etag')).toBe('"0"');
        const goalId: string = drafted.body.goalId;
        goalIds.set(number, goalId);

        expect(
          (await api.call(author, 'POST', `/goals/${goalId}/submit`, { headers: { 'if-match': '"0"' } })).body.revision,
        ).toBe(1);
        const returned = await api.call('bucho', 'POST', `/goals/${goalId}/return`, {
          body: { reason: '達成水準をより具体的に記載してください' },
        });
        expect(returned.status).toBe(200);

        const view = await api.call(author, 'GET', `/goals/${goalId}`);
        expect(view.body).toMatchObject({
          status: 'returned',
          lastReturnReason: '達成水準をより具体的に記載してください',
          revision: 2,
        });

        const revised = await api.call(author, 'PATCH', `/goals/${goalId}`, {
          headers: { 'if-match': '"2"' },
          body: { targetLevel: `${row.targetLevel}（数値目標を追記）` },
        });
        expect(revised.status).toBe(200);
        expect(
          (await api.call(author, 'POST', `/goals/${goalId}/submit`, { body: { expectedRevision: 3 } })).status,
        ).toBe(200);
        expect(
          (await api.call('bucho', 'POST', `/goals/${goalId}/approve`, { body: { comment: '了承' } })).status,
        ).toBe(200);
        expect(
          (await api.call(author, 'POST', `/goals/${goalId}/achievement`, { body: { level: row.achievement } })).status,
        ).toBe(200);
        const confirmed = await api.call('bucho', 'POST', `/goals/${goalId}/achievement/confirm`, {});
        expect(confirmed.status).toBe(200);
        expect(confirmed.body.revision).toBe(7);
      }

      const sheet = await eventually(
        () => api.call('kansa', 'GET', `/sheets/${sheetId}`),
        (r) => r.body?.rows?.length === 4 && r.body.rows.every((row: { status: string }) => row.status === 'confirmed'),
      );
      expect(sheet.status).toBe(200);
      expect(sheet.body).toMatchObject({
        fiscalYearLabel: '令和4年度',
        createdOnWareki: '令和4年4月1日',
        headName: '沢柳和彦',
      });
      expect(
        sheet.body.rows.map(
          (r: { number: number; title: string; status: string; achievement: string; sections: string[] }) => [
            r.number,
            r.title,
            r.status,
            r.achievement,
            r.sections,
          ],
        ),
      ).toEqual(
        [1, 2, 12, 19].map((n, i) => [
          i + 1,
          rows.get(n)!.title,
          'confirmed',
          rows.get(n)!.achievement,
          rows.get(n)!.sections,
        ]),
      );
      expect(sheet.body.rows[3].sections).toHaveLength(4);
      expect(sheet.body.rows[0].deadline).toBe('2023-02-28');
    });

    it('shows an auditor who did what, when, why, and what each step changed', async () => {
      const history = await api.call('kansa', 'GET', `/goals/${goalIds.get(1)}/history`);
      expect(history.status).toBe(200);
      const steps = history.body.events;
      expect(steps.map((e: { type: string }) => e.type)).toEqual([
        'GoalDrafted',
        'GoalSubmitted',
        'GoalReturned',
        'GoalRevised',
        'GoalSubmitted',
        'GoalApproved',
        'AchievementRecorded',
        'AchievementConfirmed',
      ]);
      expect(steps[2]).toMatchObject({
        actor: { userId: 'bucho', role: 'departmentHead' },
        reason: '達成水準をより具体的に記載してください',
      });
      expect(steps[3].changes).toEqual([
        {
          field: 'targetLevel',
          before: rows.get(1)!.targetLevel,
          after: `${rows.get(1)!.targetLevel}（数値目標を追記）`,
        },
      ]);
      for (const step of steps) expect(Number.isNaN(Date.parse(step.occurredAt))).toBe(false);

      const page = await api.call('kansa', 'GET', `/goals/${goalIds.get(1)}/history?offset=2&limit=2`);
      expect(page.body).toMatchObject({ total: 8, offset: 2, limit: 2 });
      expect(page.body.events.map((e: { type: string }) => e.type)).toEqual(['GoalReturned', 'GoalRevised']);
      expect(page.body.events[1].changes).toEqual(steps[3].changes);
      expect((await api.call('kansa', 'GET', `/goals/${goalIds.get(1)}/history?limit=1001`)).status).toBe(400);
    });

    describe('refusals change nothing', () => {
      let goalId: string;
      beforeAll(async () => {
        const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: draftBody(rows.get(1)!),
        });
        goalId = drafted.body.goalId;
      });

      async function expectRefused(
        status: number,
        attempt: () => Promise<{ status: number; headers: Headers; body: any }>,
      ) {
        const before = await api.eventCount();
        const response = await attempt();
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await api.eventCount()).toBe(before);
        return response.body;
      }

      it("403 when a section head acts on another section's goal, naming the rule", async () => {
        const body = await expectRefused(403, () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/submit`));
        expect(body.rule).toBe('own-section');
        await expectRefused(403, () =>
          api.call('kacho-keizai', 'PATCH', `/goals/${goalId}`, {
            headers: { 'if-match': '0' },
            body: { title: '乗っ取り' },
          }),
        );
        const auditor = await expectRefused(403, () => api.call('kansa', 'POST', `/goals/${goalId}/submit`));
        expect(auditor.rule).toBe('auditor-read-only');
        await expectRefused(403, () => api.call('kacho-shimin', 'POST', `/goals/${goalId}/approve`));
      });

      it('409 for a stale revision, with the current one', async () => {
        await api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
          headers: { 'if-match': '"0"' },
          body: { title: '第一版' },
        });
        const body = await expectRefused(409, () =>
          api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
            headers: { 'if-match': '"0"' },
            body: { title: '古い画面からの編集' },
          }),
        );
        expect(body.currentRevision).toBe(1);
        expect(body.detail).toContain('stale');
      });

      it('does not call an edit stale because a reminder was sent meanwhile', async () => {
        const seen = (await api.call('kacho-shimin', 'GET', `/goals/${goalId}`)).body.revision;
        await api.store.append(`goal-${goalId}`, [
          {
            id: randomUUID(),
            type: 'ReminderSent',
            data: { goalId, kind: 'deadline', dueAt: '2023-01-29T00:00:00.000Z', recipients: [], channels: [] },
            metadata: {
              actor: { userId: 'system:reminders', role: 'system' },
              occurredAt: new Date().toISOString(),
              correlationId: randomUUID(),
              causationId: randomUUID(),
              schemaVersion: 1,
            },
          },
        ]);
        const edited = await api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
          headers: { 'if-match': `"${seen}"` },
          body: { title: '通知後の編集' },
        });
        expect(edited.status).toBe(200);
        expect(edited.body.revision).toBe(seen + 2);
      });

      it('409 for a step the state does not allow, naming the state', async () => {
        const body = await expectRefused(409, () => api.call('bucho', 'POST', `/goals/${goalId}/approve`));
        expect(body.state).toBe('draft');
        expect(body.detail).toContain('draft');
      });

      const valid = () => draftBody(rows.get(1)!);
      it.each([
        ['a wrong type', { ...valid(), deadlineMonth: '2月' }, 'deadlineMonth'],
        ['a missing field', (({ title: _t, ...rest }) => rest)(valid()), 'title'],
        ['an unknown field', { ...valid(), priority: 'high' }, 'priority'],
        ['oversized text', { ...valid(), method: 'あ'.repeat(2001) }, 'method'],
        ['an invalid month', { ...valid(), deadlineMonth: 13 }, 'deadlineMonth'],
        ['an unknown section', { ...valid(), sections: ['宇宙開発課'] }, 'sections'],
        ['an unknown category', { ...valid(), category: '思いつき' }, 'category'],
        ['sections that are not a list', { ...valid(), sections: '市民課' }, 'sections'],
      ])('400 for %s, naming the field', async (_what, body, field) => {
        const problem = await expectRefused(400, () =>
          api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body }),
        );
        expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
        for (const e of problem.errors) expect(e.reason.length).toBeGreaterThan(0);
      });

      it('400 for malformed JSON and for a body that is not an object', async () => {
        await expectRefused(400, () =>
          api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { rawBody: '{"title": ' }),
        );
        await expectRefused(400, () =>
          api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { rawBody: '[1,2]' }),
        );
      });

      it('400 for a return without a reason, and for a goal id that is not one', async () => {
        await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`);
        const problem = await expectRefused(400, () =>
          api.call('bucho', 'POST', `/goals/${goalId}/return`, { body: {} }),
        );
        expect(problem.errors[0].field).toBe('reason');
        await expectRefused(400, () => api.call('bucho', 'POST', `/goals/not-a-goal/approve`));
        await api.call('kacho-shimin', 'POST', `/goals/${goalId}/withdraw`);
      });

      it('401 without a token or with a token from elsewhere; 404 for an unknown goal', async () => {
        await expectRefused(401, () => api.call(null, 'POST', `/goals/${goalId}/submit`));
        await expectRefused(401, () =>
          api.call(null, 'GET', `/goals/${goalId}`, {
            headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJidWNobyJ9.c2lnbmF0dXJl' },
          }),
        );
        await expectRefused(404, () =>
          api.call('kacho-shimin', 'POST', '/goals/00000000-0000-4000-8000-000000000000/submit'),
        );
      });
    });

    describe('idempotency', () => {
      it('treats a retried draft with the same Idempotency-Key as one draft', async () => {
        const body = draftBody(rows.get(2)!);
        const headers = { 'idempotency-key': 'draft-goal-2-retry' };
        const first = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body, headers });
        const before = await api.eventCount();
        const retry = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body, headers });
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(first.body);
        expect(await api.eventCount()).toBe(before);

        const reused = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...body, title: '別の目標' },
          headers,
        });
        expect(reused.status).toBe(422);
        expect(await api.eventCount()).toBe(before);
      });

      it('answers a retried submit as the first one, not with a conflict', async () => {
        const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: draftBody(rows.get(1)!),
        });
        const headers = { 'idempotency-key': 'submit-once' };
        const first = await api.call('kacho-shimin', 'POST', `/goals/${drafted.body.goalId}/submit`, { headers });
        const retry = await api.call('kacho-shimin', 'POST', `/goals/${drafted.body.goalId}/submit`, { headers });
        expect(first.status).toBe(200);
        expect(retry.status).toBe(200);
        expect(retry.body.revision).toBe(first.body.revision);
        const history = await api.call('kacho-shimin', 'GET', `/goals/${drafted.body.goalId}/history`);
        expect(history.body.events.filter((e: { type: string }) => e.type === 'GoalSubmitted')).toHaveLength(1);
      });
    });
  });
}
