/**
 * What a person reads when a request is wrong: the type is named first ("must be an integer 1–12",
 * not "must not be greater than 12"), one reason per field, and every 400 is problem+json, including
 * the ones Fastify answers before any controller runs (query string, content type, malformed URL).
 */
import { connect } from 'node:net';
import { ApiResponse, AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

/** The bytes of a request line sent as they are: fetch and http.request would percent-encode them. */
function rawRequest(port: number, head: Buffer): Promise<{ status: number; contentType: string; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(head));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headers, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1]);
      const contentType = /content-type: ([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      let body: unknown = rest.join('\r\n\r\n');
      try {
        body = JSON.parse(body as string);
      } catch {
        // not JSON: the test's assertion says so
      }
      resolve({ status, contentType, body });
    });
  });
}

function problem(r: { status: number; headers?: Headers; contentType?: string; body: any }) {
  const contentType = r.contentType ?? r.headers?.get('content-type') ?? '';
  return {
    status: r.status,
    problemJson: contentType.startsWith('application/problem+json'),
    title: typeof r.body?.title === 'string',
    errors: r.body?.errors,
  };
}

describe('validation messages', () => {
  let api: AppHarness;
  let sheetId: string;
  let goalId: string;
  const reasons = (r: ApiResponse) => Object.fromEntries((r.body?.errors ?? []).map((e: any) => [e.field, e.reason]));
  const draft = (body: Record<string, unknown>) => api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body });

  beforeAll(async () => {
    api = await startApp();
    sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
    goalId = (await draft(SAMPLE_GOAL)).body.goalId;
  });
  afterAll(async () => api?.close());

  it('names the type first, one reason per field', async () => {
    const before = await api.eventCount();
    const r = await draft({ ...SAMPLE_GOAL, deadlineMonth: '3', title: 123, sections: '市民課' });
    expect(problem(r)).toMatchObject({ status: 400, problemJson: true });
    expect(r.body.errors).toHaveLength(3);
    expect(reasons(r)).toEqual({
      deadlineMonth: 'must be an integer 1–12',
      title: 'must be text',
      sections: 'must be a list of section names',
    });
    expect(await api.eventCount()).toBe(before);
  });

  it('says what a field must be when it is null, and that a required one is missing', async () => {
    const { title: _title, ...withoutTitle } = SAMPLE_GOAL;
    expect(reasons(await draft({ ...SAMPLE_GOAL, title: null }))).toEqual({ title: 'must be text, not null' });
    expect(reasons(await draft({ ...withoutTitle, deadlineMonth: null }))).toEqual({
      title: 'is required; must be text',
      deadlineMonth: 'must be an integer 1–12, not null',
    });
  });

  it('names a list with an element of the wrong type, and the range once the type is right', async () => {
    expect(reasons(await draft({ ...SAMPLE_GOAL, sections: ['市民課', 7] }))).toEqual({ sections: 'must be a list of section names' });
    expect(reasons(await draft({ ...SAMPLE_GOAL, deadlineMonth: 13 }))).toEqual({ deadlineMonth: 'must not be greater than 12' });
    expect(reasons(await draft({ ...SAMPLE_GOAL, deadlineMonth: 2.5 }))).toEqual({ deadlineMonth: 'must be an integer 1–12' });
  });

  it('names the type of optional fields on a revision', async () => {
    const revise = (body: Record<string, unknown>) => api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, { body });
    expect(reasons(await revise({ expectedRevision: 0, method: false, sections: null }))).toEqual({
      method: 'must be text',
      sections: 'must be a list of section names, not null',
    });
    expect(reasons(await revise({ expectedRevision: '0', title: '新しい実施項目' }))).toEqual({
      expectedRevision: 'must be a revision number, 0 or more',
    });
  });

  it('answers a raw UTF-8 query string 400 problem+json', async () => {
    const port = (api.app.getHttpServer().address() as { port: number }).port;
    const token = await api.token('kacho-shimin');
    const head = Buffer.concat([
      Buffer.from('GET /api/v1/goals?section='),
      Buffer.from('市民課', 'utf8'),
      Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`),
    ]);
    const r = await rawRequest(port, head);
    expect(problem(r)).toMatchObject({ status: 400, problemJson: true, title: true, errors: [expect.objectContaining({ field: '(query)' })] });
  });

  it('answers a malformed URL 400 problem+json', async () => {
    const port = (api.app.getHttpServer().address() as { port: number }).port;
    const r = await rawRequest(port, Buffer.from('GET /api/v1/goals/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
    expect(problem(r)).toMatchObject({ status: 400, problemJson: true, title: true, errors: [expect.objectContaining({ field: '(url)' })] });
  });

  it('answers an unsupported content type 415 problem+json and a broken one 400 problem+json', async () => {
    const path = `/sheets/${sheetId}/goals`;
    const xml = await api.call('kacho-shimin', 'POST', path, { rawBody: '<goal/>', contentType: 'application/xml' });
    expect(problem(xml)).toMatchObject({ status: 415, problemJson: true, title: true });
    const broken = await api.call('kacho-shimin', 'POST', path, { rawBody: '{}', contentType: 'application/json; charset=' });
    expect(problem(broken).problemJson).toBe(true);
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
  });

  it('answers a query value of the wrong form 400 naming the parameter', async () => {
    const r = await api.call('kacho-shimin', 'GET', `/goals/${goalId}/history?limit=many`);
    expect(problem(r)).toMatchObject({ status: 400, problemJson: true });
    expect(r.body.errors[0].field).toBe('limit');
  });
});
