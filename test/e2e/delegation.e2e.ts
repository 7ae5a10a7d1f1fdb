/**
 * 代決 and 後閲 over real HTTP, real tokens, a real SQLite file and a real Redis: the head of
 * 市民生活部 delegates decisions to the 経済課長 for a week; inside it the delegate approves a goal
 * in the head's stead, the goal's history and the audit trail say so, and the head's inbox holds the
 * decision until the head has read it; outside it the delegate is refused.
 */
import { ManualClock } from '@goals/platform';
import { ApiResponse, AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL } from '../support/sample-goal';

const SHEET = {
  department: '市民生活部',
  fiscalYear: 2026,
  createdOn: '2026-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};
/** The refusal as a person reads it (the harness asks for English by default). */
const JA = { 'accept-language': 'ja' };
const WEEK = { delegate: 'kacho-keizai', from: '2026-04-08', until: '2026-04-14', reason: '海外出張' };

export function delegationEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`代決 with 後閲 over HTTP (${storeName})`, () => {
    let api: AppHarness;
    let clock: ManualClock;
    let sheetId: string;
    let delegationId: string;

    async function submittedGoal(title: string): Promise<string> {
      const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
        body: { ...SAMPLE_GOAL, title },
      });
      expect(drafted.status).toBe(201);
      expect((await api.call('kacho-shimin', 'POST', `/goals/${drafted.body.goalId}/submit`, {})).status).toBe(200);
      return drafted.body.goalId;
    }

    /** A refused request writes nothing. */
    async function refusedUnchanged(run: () => Promise<ApiResponse>, status: number) {
      const before = await api.eventCount();
      const response = await run();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      // Named by type, so a failure says what was written. The clock jumps days ahead, so a reminder the
      // service sends meanwhile is not the refused request's doing.
      const written = (await api.store.readAll()).slice(before).filter((e) => e.type !== 'ReminderSent');
      expect(written.map((e) => `${e.streamId} ${e.type}`)).toEqual([]);
      return response.body;
    }

    beforeAll(async () => {
      clock = new ManualClock('2026-04-06T09:00:00+09:00', true);
      api = await startApp(env(), clock);
      const opened = await api.call('bucho', 'POST', '/sheets', { body: SHEET });
      expect(opened.status).toBe(201);
      sheetId = opened.body.sheetId;
    });
    afterAll(async () => {
      await api?.close();
    });

    it('the head delegates to a 課長 of the department for a week, and sees it listed', async () => {
      const granted = await api.call('bucho', 'POST', '/delegations', { body: WEEK });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({ department: '市民生活部', revision: 0 });
      delegationId = granted.body.delegationId;

      const listed = await api.call('bucho', 'GET', '/delegations');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({
        today: '2026-04-06',
        items: [
          {
            delegationId,
            department: '市民生活部',
            departmentId: granted.body.departmentId,
            delegatedBy: 'bucho',
            delegate: 'kacho-keizai',
            from: '2026-04-08',
            until: '2026-04-14',
            lastDay: '2026-04-14',
            inForce: false,
            reason: '海外出張',
          },
        ],
      });
      expect(
        (await api.call('admin', 'GET', '/delegations')).body.items.map(
          (d: { delegationId: string }) => d.delegationId,
        ),
      ).toEqual([delegationId]);
      // the delegate sees what they may decide, for whom and until when; another 課長 sees nothing of it
      const byDelegate = await api.call('kacho-keizai', 'GET', '/delegations');
      expect(byDelegate.status).toBe(200);
      expect(byDelegate.body.items).toEqual([expect.objectContaining({ delegationId, delegatedBy: 'bucho' })]);
      const byOther = await api.call('kacho-shimin', 'GET', '/delegations');
      expect(byOther.body.items).toEqual([]);
      expect((await api.call('kansa', 'GET', '/delegations')).status).toBe(403);
    });

    it('refuses self-delegation, an auditor, an unknown person, until before from, and an overlap, writing nothing', async () => {
      const grant =
        (body: object, by = 'bucho') =>
        () =>
          api.call(by, 'POST', '/delegations', { body: { ...WEEK, from: '2026-04-20', until: '2026-04-24', ...body } });
      const self = await refusedUnchanged(grant({ delegate: 'bucho' }), 400);
      expect(self.errors).toEqual([{ field: 'delegate', reason: 'a department head cannot delegate to themselves' }]);
      const auditor = await refusedUnchanged(grant({ delegate: 'kansa' }), 400);
      expect(auditor.errors[0]).toMatchObject({ field: 'delegate', reason: expect.stringMatching(/auditor/) });
      const unknown = await refusedUnchanged(grant({ delegate: 'nobody' }), 400);
      expect(unknown.errors[0]).toMatchObject({
        field: 'delegate',
        reason: expect.stringMatching(/not in the directory/),
      });
      const backwards = await refusedUnchanged(grant({ from: '2026-04-24', until: '2026-04-20' }), 400);
      expect(backwards.errors[0]).toMatchObject({ field: 'until', reason: expect.stringMatching(/before from/) });
      const overlap = await refusedUnchanged(
        grant({ delegate: 'kacho-jinken', from: '2026-04-14', until: '2026-04-16' }),
        409,
      );
      expect(overlap.detail).toMatch(/already delegates to kacho-keizai from 2026-04-08 until 2026-04-14/);
      const notHead = await refusedUnchanged(grant({ delegate: 'kacho-jinken' }, 'kacho-shimin'), 403);
      expect(notHead.rule).toBe('department-head-delegates');
      const missing = await refusedUnchanged(
        () => api.call('bucho', 'POST', '/delegations', { body: { from: '2026-04-20', until: '2026-04-24' } }),
        400,
      );
      expect(missing.errors.map((e: { field: string }) => e.field)).toContain('delegate');
    });

    it('before the week the delegate is refused, naming the rule', async () => {
      const goalId = await submittedGoal('前の週に承認しようとした目標');
      const refused = await refusedUnchanged(
        () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/approve`, { body: {} }),
        403,
      );
      expect(refused.rule).toBe('department-head-decides');
      expect(refused.detail).toMatch(/代決/);
    });

    it('inside the week the delegate approves; history, audit trail and the head’s inbox say for whom; acknowledging clears it', async () => {
      const goalId = await submittedGoal('代決で承認される目標');
      clock.set('2026-04-08T10:00:00+09:00');
      const approved = await api.call('kacho-keizai', 'POST', `/goals/${goalId}/approve`, {
        body: { comment: '部長不在につき代決' },
      });
      expect(approved.status).toBe(200);

      const history = await api.call('bucho', 'GET', `/goals/${goalId}/history`);
      const approval = history.body.events.find((e: { type: string }) => e.type === 'GoalApproved');
      expect(approval).toMatchObject({ actor: { userId: 'kacho-keizai', role: 'sectionHead' }, onBehalfOf: 'bucho' });
      const submitted = history.body.events.find((e: { type: string }) => e.type === 'GoalSubmitted');
      expect(submitted.onBehalfOf).toBeNull();

      const trail = await eventually(
        () => api.call('kansa', 'GET', `/audit/trail?goalId=${goalId}`),
        (r) => r.body?.items?.some((e: { type: string }) => e.type === 'GoalApproved'),
      );
      expect(trail.body.items.find((e: { type: string }) => e.type === 'GoalApproved')).toMatchObject({
        actor: { userId: 'kacho-keizai' },
        onBehalfOf: 'bucho',
      });

      const reviewsOf = (r: { body: { items: { kind: string }[] } }) => r.body.items.filter((i) => i.kind === 'review');
      const inbox = await eventually(
        () => api.call('bucho', 'GET', '/inbox'),
        (r) => reviewsOf(r).length === 1,
      );
      const [review] = reviewsOf(inbox) as any[];
      expect(review).toMatchObject({
        kind: 'review',
        goalId,
        sheetId,
        title: '代決で承認される目標',
        decision: 'GoalApproved',
        decidedBy: 'kacho-keizai',
        onBehalfOf: 'bucho',
        // as people read it: names, with the posts held on the day of the decision
        decidedByName: '経済課長',
        decidedByPost: '経済課長',
        onBehalfOfName: '沢柳和彦',
        onBehalfOfPost: '市民生活部長',
        delegationId,
        comment: '部長不在につき代決',
        waitingSince: expect.stringMatching(/^2026-04-08T01:00:0/),
      });
      // Only the head reviews; the delegate cannot clear their own decision from the head's inbox.
      const byDelegate = await refusedUnchanged(
        () => api.call('kacho-keizai', 'POST', `/inbox/reviews/${review.reviewId}/acknowledge`, {}),
        403,
      );
      expect(byDelegate.rule).toBe('department-head-delegates');

      const acknowledged = await api.call('bucho', 'POST', `/inbox/reviews/${review.reviewId}/acknowledge`, {});
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({ reviewId: review.reviewId, goalId });
      const after = await eventually(
        () => api.call('bucho', 'GET', '/inbox'),
        (r) => reviewsOf(r).length === 0,
      );
      expect(reviewsOf(after)).toEqual([]);
      const recorded = (await api.store.readAll()).filter((e) => e.type === 'DelegatedDecisionAcknowledged');
      expect(recorded.map((e) => [e.data, e.metadata.actor])).toEqual([
        [
          {
            reviewId: review.reviewId,
            goalId,
            department: '市民生活部',
            departmentId: expect.any(String),
            acknowledgedBy: 'bucho',
          },
          expect.objectContaining({ userId: 'bucho', role: 'departmentHead' }),
        ],
      ]);
      // A goal event that no delegate decided is not a review item.
      const notReview = await refusedUnchanged(
        () => api.call('bucho', 'POST', `/inbox/reviews/${approval.correlationId}/acknowledge`, {}),
        404,
      );
      expect(notReview.detail).toMatch(/does not exist/);
    });

    it('a delegate never decides their own proposal: the 経済課長 under 代決 cannot approve the 経済課 goal they submitted, nor confirm their own rating', async () => {
      // The reproduction of issue 19: bucho delegates approvals to kacho-keizai (the week above, in force today).
      clock.set('2026-04-09T10:00:00+09:00');
      const drafted = await api.call('kacho-keizai', 'POST', `/sheets/${sheetId}/goals`, {
        body: { ...SAMPLE_GOAL, title: '経済課長が自ら提出した目標', sections: ['経済課'] },
      });
      expect(drafted.status).toBe(201);
      const goalId = drafted.body.goalId;
      expect((await api.call('kacho-keizai', 'POST', `/goals/${goalId}/submit`, {})).status).toBe(200);
      for (const [step, body] of [
        ['approve', {}],
        ['return', { reason: '自分で返す' }],
      ] as const) {
        const refused = await refusedUnchanged(
          () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/${step}`, { body, headers: JA }),
          403,
        );
        expect(refused.rule).toBe('no-self-decision');
        expect(refused.detail).toContain('自ら提出した目標を自ら決裁することはできません');
      }
      // The head decides it; the rating the 課長 records is then not theirs to confirm either.
      expect((await api.call('bucho', 'POST', `/goals/${goalId}/approve`, { body: {} })).status).toBe(200);
      expect(
        (await api.call('kacho-keizai', 'POST', `/goals/${goalId}/achievement`, { body: { level: '高度に達成した' } }))
          .status,
      ).toBe(200);
      const confirm = await refusedUnchanged(
        () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/achievement/confirm`, { body: {}, headers: JA }),
        403,
      );
      expect(confirm.rule).toBe('no-self-decision');
      expect(confirm.detail).toContain('自ら記録した達成状況を自ら確認することはできません');
    });

    it('the head’s own decisions raise no review item', async () => {
      const goalId = await submittedGoal('部長自身が承認する目標');
      expect((await api.call('bucho', 'POST', `/goals/${goalId}/approve`, { body: {} })).status).toBe(200);
      const history = await api.call('bucho', 'GET', `/goals/${goalId}/history`);
      expect(history.body.events.find((e: { type: string }) => e.type === 'GoalApproved').onBehalfOf).toBeNull();
      // Once the read side has the approval, it would have had a review item too.
      await eventually(
        () => api.call('bucho', 'GET', `/goals/${goalId}`),
        (r) => r.body?.status === 'approved',
      );
      const inbox = await api.call('bucho', 'GET', '/inbox');
      expect(inbox.body.items.filter((i: { kind: string }) => i.kind === 'review')).toEqual([]);
    });

    it('after the week, and after revoking, the delegate is refused again', async () => {
      const goalId = await submittedGoal('翌週に返そうとした目標');
      clock.set('2026-04-15T09:00:00+09:00');
      const late = await refusedUnchanged(
        () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/return`, { body: { reason: '再検討' } }),
        403,
      );
      expect(late.rule).toBe('department-head-decides');

      const next = await api.call('bucho', 'POST', '/delegations', {
        body: { delegate: 'kacho-jinken', from: '2026-04-15', until: '2026-04-30' },
      });
      expect(next.status).toBe(201);
      expect(
        (await api.call('kacho-jinken', 'POST', `/goals/${goalId}/return`, { body: { reason: '数値目標を' } })).status,
      ).toBe(200);
      const revoked = await api.call('bucho', 'POST', `/delegations/${next.body.delegationId}/revoke`, {});
      expect(revoked.status).toBe(200);
      const again = await submittedGoal('取消し後の目標');
      const refused = await refusedUnchanged(
        () => api.call('kacho-jinken', 'POST', `/goals/${again}/approve`, { body: {} }),
        403,
      );
      expect(refused.rule).toBe('department-head-decides');
      const twice = await refusedUnchanged(
        () => api.call('bucho', 'POST', `/delegations/${next.body.delegationId}/revoke`, {}),
        409,
      );
      expect(twice.detail).toMatch(/no longer in force/);
      expect((await api.call('bucho', 'GET', '/delegations')).body.items).toEqual([]);
    });

    it('an administrator enters a 代決 of 実績確認 only for the head, who sees it; the delegate may confirm but not approve; the administrator ends it', async () => {
      const body = {
        department: '市民生活部',
        delegate: 'kacho-keizai',
        from: '2026-05-01',
        until: '2026-05-07',
        decisions: ['confirm'],
        reason: '部長の急病',
      };
      const noDepartment = await refusedUnchanged(
        () => api.call('admin', 'POST', '/delegations', { body: { ...body, department: undefined } }),
        400,
      );
      expect(noDepartment.errors[0].field).toBe('department');
      const unknown = await refusedUnchanged(
        () => api.call('admin', 'POST', '/delegations', { body: { ...body, department: '存在しない部' } }),
        400,
      );
      expect(unknown.errors[0]).toMatchObject({
        field: 'department',
        reason: expect.stringMatching(/not a department/),
      });
      const badDecision = await refusedUnchanged(
        () => api.call('admin', 'POST', '/delegations', { body: { ...body, decisions: ['renumber'] } }),
        400,
      );
      expect(badDecision.errors[0].field).toMatch(/^decisions/);
      const kansa = await refusedUnchanged(() => api.call('kansa', 'POST', '/delegations', { body }), 403);
      expect(kansa.rule).toBe('auditor-read-only');

      const granted = await api.call('admin', 'POST', '/delegations', { body });
      expect(granted.status).toBe(201);
      expect(granted.body.department).toBe('市民生活部');
      const entry = (await api.store.readStream(`delegations-${granted.body.departmentId}`)).events.at(-1)!;
      expect(entry.data).toMatchObject({ delegatedBy: 'bucho', decisions: ['confirm'] });
      expect(entry.metadata).toMatchObject({ actor: expect.objectContaining({ userId: 'admin' }) });
      expect((await api.call('bucho', 'GET', '/delegations')).body.items).toEqual([
        expect.objectContaining({
          delegationId: granted.body.delegationId,
          delegatedBy: 'bucho',
          decisions: ['confirm'],
        }),
      ]);

      clock.set('2026-05-01T09:00:00+09:00');
      const goalId = await submittedGoal('実績確認だけを任された週の目標');
      const approve = await refusedUnchanged(
        () => api.call('kacho-keizai', 'POST', `/goals/${goalId}/approve`, { body: {} }),
        403,
      );
      expect(approve.rule).toBe('department-head-decides');

      const revoked = await api.call('admin', 'POST', `/delegations/${granted.body.delegationId}/revoke`, {});
      expect(revoked.status).toBe(200);
      expect(revoked.body.department).toBe('市民生活部');
      expect((await api.call('admin', 'GET', '/delegations')).body.items).toEqual([]);
      const nowhere = await refusedUnchanged(
        () => api.call('admin', 'POST', `/delegations/00000000-0000-4000-8000-000000000000/revoke`, {}),
        404,
      );
      expect(nowhere.detail).toMatch(/delegation/);
    });

    it('rebuilding the read models gives the same inbox, 後閲 items included', async () => {
      const reviews = (r: ApiResponse) => r.body.items.filter((i: { kind: string }) => i.kind === 'review');
      // The return the second delegate gave is still waiting for the head; the first review was acknowledged.
      await eventually(
        () => api.call(null, 'GET', '/health'),
        (r) => r.body?.projector?.caughtUp === true && r.body.projector.behind === false,
      );
      const before = await eventually(
        () => api.call('bucho', 'GET', '/inbox'),
        (r) => reviews(r).length === 1,
      );
      expect(reviews(before)).toEqual([
        expect.objectContaining({ decision: 'GoalReturned', decidedBy: 'kacho-jinken', reason: '数値目標を' }),
      ]);
      const rebuilt = await api.call('admin', 'POST', '/admin/read-models/rebuild');
      expect(rebuilt.status).toBe(200);
      expect((await api.call('bucho', 'GET', '/inbox')).body).toEqual(before.body);
    });

    it('lists for an administrator the delegations of a department the directory file never named', async () => {
      const admin = (path: string, body: object) => api.call('admin', 'POST', path, { body });
      const department = await admin('/admin/departments', {
        name: '総務部',
        effectiveFrom: '2026-04-01',
        sections: ['総務課'],
      });
      expect(department.status).toBe(201);
      const [section] = (await api.call('admin', 'GET', '/departments?fiscalYear=2026')).body.departments.find(
        (d: { name: string }) => d.name === '総務部',
      ).sections;
      for (const [loginId, kind, sectionIds] of [
        ['somu-bucho', 'departmentHead', undefined],
        ['somu-kacho', 'sectionHead', [section.sectionId]],
      ] as const) {
        const person = await admin('/admin/people', { name: loginId, loginId });
        expect(person.status).toBe(201);
        const post = await admin('/admin/posts', {
          personId: person.body.id,
          kind,
          departmentId: department.body.id,
          ...(sectionIds ? { sectionIds } : {}),
          from: '2026-04-01',
        });
        expect(post.status).toBe(201);
      }
      const granted = await api.call('somu-bucho', 'POST', '/delegations', {
        body: { delegate: 'somu-kacho', from: '2026-12-01', until: '2026-12-04', reason: '研修' },
      });
      expect(granted.status).toBe(201);
      expect(
        (await api.call('admin', 'GET', '/delegations')).body.items.map((d: { department: string }) => d.department),
      ).toContain('総務部');
    });

    describe('a rename of the department from 4月1日', () => {
      let departmentId: string;
      let renamedSheetId: string;
      let beforeRename: string;
      const reviewsOf = (r: ApiResponse) => r.body.items.filter((i: { kind: string }) => i.kind === 'review');

      async function submittedOnRenamed(title: string): Promise<string> {
        const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${renamedSheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title },
        });
        expect(drafted.status).toBe(201);
        expect((await api.call('kacho-shimin', 'POST', `/goals/${drafted.body.goalId}/submit`, {})).status).toBe(200);
        return drafted.body.goalId;
      }

      it('a delegation granted before the rename is honoured after it: the delegate approves, the head lists it, an overlap is refused, 後閲 clears it', async () => {
        const departments = await api.call('admin', 'GET', '/departments?fiscalYear=2026');
        departmentId = departments.body.departments.find((d: { name: string }) => d.name === '市民生活部').departmentId;
        const granted = await api.call('bucho', 'POST', '/delegations', {
          body: { delegate: 'kacho-keizai', from: '2027-04-05', until: '2027-04-09', reason: '年度初めの出張' },
        });
        expect(granted.status).toBe(201);
        expect(granted.body).toMatchObject({ department: '市民生活部', departmentId });
        beforeRename = granted.body.delegationId;
        const renamed = await api.call('admin', 'POST', `/admin/departments/${departmentId}/rename`, {
          body: { name: '市民部', headTitle: '市民部長', effectiveFrom: '2027-04-01', reason: '令和9年度機構改革' },
        });
        expect(renamed.status).toBe(200);

        clock.set('2027-04-05T09:00:00+09:00');
        const opened = await api.call('bucho', 'POST', '/sheets', {
          body: { ...SHEET, department: '市民部', fiscalYear: 2027, createdOn: '2027-04-05', headTitle: '市民部長' },
        });
        expect(opened.status).toBe(201);
        renamedSheetId = opened.body.sheetId;
        const goalId = await submittedOnRenamed('改称後に代決で承認される目標');
        const approved = await api.call('kacho-keizai', 'POST', `/goals/${goalId}/approve`, { body: {} });
        expect(approved.status).toBe(200);
        const history = await api.call('bucho', 'GET', `/goals/${goalId}/history`);
        expect(history.body.events.find((e: { type: string }) => e.type === 'GoalApproved')).toMatchObject({
          actor: { userId: 'kacho-keizai' },
          onBehalfOf: 'bucho',
        });

        const listed = await api.call('bucho', 'GET', '/delegations');
        expect(listed.status).toBe(200);
        expect(listed.body.items).toEqual([
          expect.objectContaining({
            delegationId: beforeRename,
            departmentId,
            delegate: 'kacho-keizai',
            inForce: true,
          }),
        ]);
        // by the department's new name too, as an administrator types it
        const byNewName = await api.call('admin', 'GET', `/delegations?department=${encodeURIComponent('市民部')}`);
        expect(byNewName.body.items.map((d: { delegationId: string }) => d.delegationId)).toEqual([beforeRename]);

        const overlap = await refusedUnchanged(
          () =>
            api.call('bucho', 'POST', '/delegations', {
              body: { delegate: 'kacho-jinken', from: '2027-04-08', until: '2027-04-10' },
            }),
          409,
        );
        expect(overlap.detail).toMatch(/already delegates to kacho-keizai from 2027-04-05 until 2027-04-09/);
        const adminOverlap = await refusedUnchanged(
          () =>
            api.call('admin', 'POST', '/delegations', {
              body: { department: '市民部', delegate: 'kacho-jinken', from: '2027-04-09', until: '2027-04-10' },
            }),
          409,
        );
        expect(adminOverlap.detail).toMatch(/already delegates to kacho-keizai/);

        const inbox = await eventually(
          () => api.call('bucho', 'GET', '/inbox'),
          (r) => reviewsOf(r).some((i: { goalId: string }) => i.goalId === goalId),
        );
        const review = reviewsOf(inbox).find((i: { goalId: string }) => i.goalId === goalId);
        const acknowledged = await api.call('bucho', 'POST', `/inbox/reviews/${review.reviewId}/acknowledge`, {});
        expect(acknowledged.status).toBe(200);
        await eventually(
          () => api.call('bucho', 'GET', '/inbox'),
          (r) => !reviewsOf(r).some((i: { goalId: string }) => i.goalId === goalId),
        );
        const acknowledgement = (await api.store.readStream(`delegations-${departmentId}`)).events.at(-1)!;
        expect(acknowledgement).toMatchObject({
          type: 'DelegatedDecisionAcknowledged',
          data: { reviewId: review.reviewId, department: '市民部', departmentId },
        });
      });

      it('a delegation an older release kept under the department’s old name is honoured, and can be revoked', async () => {
        const legacyStream = 'delegations-市民生活部';
        const legacyId = '6f1f5c0e-3c57-4c2e-9b7a-000000000001';
        const written = (await api.store.readStream(legacyStream)).events;
        // As releases before ids wrote it: by the department's name of the day, without its id.
        await api.store.append(
          legacyStream,
          [
            {
              id: '6f1f5c0e-3c57-4c2e-9b7a-0000000000e1',
              type: 'DelegationGranted',
              data: {
                delegationId: legacyId,
                department: '市民生活部',
                delegatedBy: 'bucho',
                delegate: 'kacho-jinken',
                from: '2027-04-12',
                until: '2027-04-16',
                reason: '旧版で登録',
              },
              metadata: {
                actor: { userId: 'bucho', role: 'departmentHead' },
                occurredAt: '2027-03-01T00:00:00.000Z',
                correlationId: '6f1f5c0e-3c57-4c2e-9b7a-0000000000c1',
                causationId: '6f1f5c0e-3c57-4c2e-9b7a-0000000000c1',
                schemaVersion: 1,
              },
            },
          ],
          { expectedRevision: written.length ? written.at(-1)!.revision : 'no_stream' },
        );

        clock.set('2027-04-12T09:00:00+09:00');
        const listed = await api.call('bucho', 'GET', '/delegations');
        expect(listed.body.items).toEqual([
          expect.objectContaining({
            delegationId: legacyId,
            department: '市民生活部',
            departmentId,
            delegate: 'kacho-jinken',
            inForce: true,
          }),
        ]);
        const goalId = await submittedOnRenamed('旧版の代決で承認される目標');
        const approved = await api.call('kacho-jinken', 'POST', `/goals/${goalId}/approve`, { body: {} });
        expect(approved.status).toBe(200);
        const overlap = await refusedUnchanged(
          () =>
            api.call('bucho', 'POST', '/delegations', {
              body: { delegate: 'kacho-keizai', from: '2027-04-16', until: '2027-04-17' },
            }),
          409,
        );
        expect(overlap.detail).toMatch(/already delegates to kacho-jinken/);

        const revoked = await api.call('bucho', 'POST', `/delegations/${legacyId}/revoke`, {});
        expect(revoked.status).toBe(200);
        expect(revoked.body).toMatchObject({ department: '市民部', departmentId });
        // Written on the stream by id; the old stream is only read.
        expect((await api.store.readStream(`delegations-${departmentId}`)).events.at(-1)).toMatchObject({
          type: 'DelegationRevoked',
          data: { delegationId: legacyId, departmentId, revokedOn: '2027-04-12' },
        });
        expect((await api.store.readStream(legacyStream)).events.length).toBe(written.length + 1);
        // The auditor's check walks every stream, the old one and the one by id among them.
        const verified = await api.call('kansa', 'GET', '/audit/verify');
        expect(verified.body).toMatchObject({ ok: true });
        // (the server's own events, EventStoreDB's `$epoch-information` say, are not this service's to chain)
        const ours = (await api.store.readAll()).filter((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'));
        expect(verified.body.checked).toBe(ours.length);
        const again = await submittedOnRenamed('取消し後の旧版代決の目標');
        const refused = await refusedUnchanged(
          () => api.call('kacho-jinken', 'POST', `/goals/${again}/approve`, { body: {} }),
          403,
        );
        expect(refused.rule).toBe('department-head-decides');
        expect((await api.call('bucho', 'GET', '/delegations')).body.items).toEqual([]);

        // The decision taken under it is reviewed like any other.
        const inbox = await eventually(
          () => api.call('bucho', 'GET', '/inbox'),
          (r) => reviewsOf(r).some((i: { goalId: string }) => i.goalId === goalId),
        );
        const review = reviewsOf(inbox).find((i: { goalId: string }) => i.goalId === goalId);
        expect(review).toMatchObject({ onBehalfOf: 'bucho', delegationId: legacyId });
        expect((await api.call('bucho', 'POST', `/inbox/reviews/${review.reviewId}/acknowledge`, {})).status).toBe(200);
      });
    });
  });
}
