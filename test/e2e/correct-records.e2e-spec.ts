/**
 * Records an administrator must be able to correct: a login id (an imported head's generated one, a
 * typo) and a person registered twice. Both are recorded with the reason; the old login id's tokens
 * stop working and the id is never handed out again; a duplicate's posts follow into the person kept.
 */
import { AppHarness, startApp } from '../support/app-harness';

describe("correcting a person's record", () => {
  let api: AppHarness;
  const person = async (loginId: string) =>
    (await api.call('admin', 'GET', '/admin/people')).body.people.find(
      (p: { loginId: string }) => p.loginId === loginId,
    );

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(async () => api?.close());

  it('changes a login id with a reason: the old id is refused from then on and never given again', async () => {
    expect((await api.call('kacho-bunka', 'GET', '/goals?fiscalYear=2022')).status).toBe(200);
    const { personId } = await person('kacho-bunka');

    const noReason = await api.call('admin', 'POST', `/admin/people/${personId}/login-id`, {
      body: { loginId: 'bunka-kacho' },
      headers: { 'accept-language': 'ja' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const taken = await api.call('admin', 'POST', `/admin/people/${personId}/login-id`, {
      body: { loginId: 'kacho-shimin', reason: '表記の統一' },
      headers: { 'accept-language': 'ja' },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ field: 'loginId', reason: expect.stringContaining('ログインID') });

    const before = await api.eventCount();
    const changed = await api.call('admin', 'POST', `/admin/people/${personId}/login-id`, {
      body: { loginId: 'bunka-kacho', reason: '表記の統一' },
      headers: { 'idempotency-key': 'login-id-bunka-1' },
    });
    expect(changed.status).toBe(200);
    const again = await api.call('admin', 'POST', `/admin/people/${personId}/login-id`, {
      body: { loginId: 'bunka-kacho', reason: '表記の統一' },
      headers: { 'idempotency-key': 'login-id-bunka-1' },
    });
    expect(again.body).toEqual(changed.body);
    expect(await api.eventCount()).toBe(before + 1);
    const stored = (await api.store.readAll()).find((e) => e.type === 'PersonLoginIdChanged')!;
    expect(stored.data).toEqual({
      personId,
      loginId: 'bunka-kacho',
      previousLoginId: 'kacho-bunka',
      reason: '表記の統一',
    });
    expect(stored.metadata).toMatchObject({ actor: { userId: 'admin' } });

    // The token minted for the old id (the same one as at the start) names nobody now.
    expect((await api.call('kacho-bunka', 'GET', '/goals?fiscalYear=2022')).status).toBeGreaterThanOrEqual(401);
    expect((await api.call('bunka-kacho', 'GET', '/goals?fiscalYear=2022')).status).toBe(200);
    expect(await person('bunka-kacho')).toMatchObject({ personId, previousLoginIds: ['kacho-bunka'] });

    const reused = await api.call('admin', 'POST', '/admin/people', {
      body: { name: '文化 次郎', loginId: 'kacho-bunka' },
      headers: { 'accept-language': 'ja' },
    });
    expect(reused.status).toBe(400);
  });

  it('merges a person registered twice: the posts follow, the duplicate holds nothing and cannot act', async () => {
    const kept = (await api.call('admin', 'POST', '/admin/people', { body: { name: '大川 一郎', loginId: 'okawa' } }))
      .body.id as string;
    const duplicate = (
      await api.call('admin', 'POST', '/admin/people', {
        body: { name: '大川 一郎', loginId: 'okawa-2', sameNameConfirmed: true },
      })
    ).body.id as string;
    const auditor = await api.call('admin', 'POST', '/admin/posts', {
      body: { personId: duplicate, kind: 'auditor', from: '2022-04-01' },
    });
    expect(auditor.status).toBe(201);
    expect((await api.call('okawa-2', 'GET', '/audit/verify')).status).toBe(200);

    const self = await api.call('admin', 'POST', `/admin/people/${duplicate}/merge`, {
      body: { intoPersonId: duplicate, reason: '二重登録' },
    });
    expect([self.status, self.body.errors?.[0]?.field]).toEqual([400, 'intoPersonId']);

    const merged = await api.call('admin', 'POST', `/admin/people/${duplicate}/merge`, {
      body: { intoPersonId: kept, reason: '二重登録のため' },
    });
    expect(merged.status).toBe(200);
    expect([401, 403]).toContain((await api.call('okawa-2', 'GET', '/audit/verify')).status);
    expect((await api.call('okawa', 'GET', '/audit/verify')).status).toBe(200);
    const people = (await api.call('admin', 'GET', '/admin/people')).body.people;
    expect(people.find((p: { personId: string }) => p.personId === kept).posts).toEqual([
      expect.objectContaining({ kind: 'auditor', from: '2022-04-01' }),
    ]);
    expect(people.find((p: { personId: string }) => p.personId === duplicate)).toMatchObject({
      mergedInto: kept,
      posts: [],
    });
    const twice = await api.call('admin', 'POST', `/admin/people/${duplicate}/merge`, {
      body: { intoPersonId: kept, reason: '二重登録のため' },
    });
    expect(twice.status).toBe(400);
  });
});
