/**
 * The auditor's and the operator's views of `$all` over real HTTP, on both stores, with EventStoreDB
 * restarted in between (as a real node writes `$epoch-information` at every start): verify finds no
 * tampering, health does not report the projector behind a system event, and a `from=` that is not
 * an event's position is a 400 naming the field.
 */
import { EsdbTestServer } from '../support/esdb-test-server';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

describe.each(['sqlite', 'esdb'] as const)('audit positions on %s', (kind) => {
  let server: EsdbTestServer | undefined;
  let api: AppHarness;

  beforeAll(async () => {
    server = kind === 'esdb' ? await EsdbTestServer.start() : undefined;
    api = await startApp(server ? { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString } : {});
    const opened = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
    await api.call('kacho-shimin', 'POST', `/sheets/${opened.body.sheetId}/goals`, { body: SAMPLE_GOAL });
    if (server) {
      await server.restart();
      await api.call('kacho-shimin', 'POST', `/sheets/${opened.body.sheetId}/goals`, {
        body: { ...SAMPLE_GOAL, title: '再起動の後の目標' },
      });
      await server.restart();
    }
  });
  afterAll(async () => {
    await api?.close();
    await server?.stop();
  });

  it('verifies the store end to end, system events and all', async () => {
    const verified = await eventually(
      () => api.call('kansa', 'GET', '/audit/verify'),
      (r) => r.status === 200,
    );
    // The organisation seeded into the empty store is checked too, beside the sheet and its goals.
    const seeded = (await api.store.readStream('directory')).events.length;
    expect(seeded).toBeGreaterThan(0);
    expect(verified.body).toMatchObject({ ok: true, checked: seeded + (kind === 'esdb' ? 5 : 3) });
  });

  it('says the projector is not behind once it has applied the last event of the service', async () => {
    const health = await eventually(
      () => api.call(null, 'GET', '/health'),
      (r) => r.body?.projector?.behind === false,
    );
    expect(health.body.projector).toMatchObject({ behind: false, caughtUp: true });
  });

  it('answers 400 naming from= for a position no event has, and streams from one that an event has', async () => {
    const lines = String((await api.call('kansa', 'GET', '/audit/events')).body)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.every((l) => !String(l.type).startsWith('$'))).toBe(true);
    // On EventStoreDB `position + 1` falls inside an event; SQLite's positions are consecutive rowids.
    const nowhere = BigInt(lines[1].position) + (kind === 'esdb' ? 1n : 1_000_000n);
    const wrong = await api.call('kansa', 'GET', `/audit/events?from=${nowhere}`);
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.errors).toEqual([
      { field: 'from', reason: expect.stringContaining('not the position of an event') },
    ]);
    const right = await api.call('kansa', 'GET', `/audit/events?from=${lines[1].position}&limit=2`);
    expect(
      String(right.body)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).position),
    ).toEqual(lines.slice(1, 3).map((l) => l.position));
  });
});
