/**
 * Registering a name that exists made a second person silently. Now the administrator is told who is
 * there (409 same-name-exists, with each existing person) and registers a namesake only on confirming.
 */
import { AppHarness, startApp } from '../support/app-harness';

describe('registering a person whose name exists', () => {
  let api: AppHarness;
  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(async () => api?.close());

  it('warns with the people of that name, writes nothing, and registers a namesake once confirmed', async () => {
    const first = await api.call('admin', 'POST', '/admin/people', {
      body: { name: '馬場 一郎', loginId: 'baba', employeeNumber: '20001' },
    });
    expect(first.status).toBe(201);
    const before = await api.eventCount();
    const again = await api.call('admin', 'POST', '/admin/people', {
      body: { name: '馬場　一郎', loginId: 'baba2' },
      headers: { 'accept-language': 'ja' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'same-name-exists',
      existing: [{ personId: first.body.id, name: '馬場 一郎', staffNumber: '20001', loginId: 'baba' }],
    });
    expect(again.body.detail).toContain('すでに登録されています');
    expect(await api.eventCount()).toBe(before);

    const confirmed = await api.call('admin', 'POST', '/admin/people', {
      body: { name: '馬場　一郎', loginId: 'baba2', sameNameConfirmed: true },
    });
    expect(confirmed.status).toBe(201);
  });
});
