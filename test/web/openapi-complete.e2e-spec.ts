/**
 * The web application's client is generated from the OpenAPI document: a route whose success body,
 * problem answers or headers are missing there gets a client that is wrong. This walks the document
 * and names every route that lacks one.
 */
import { buildOpenApiJson } from '../../apps/api/src/cli/web-api-schema';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
}

let operations: [string, Operation][];
let document: any;

beforeAll(async () => {
  document = JSON.parse(await buildOpenApiJson());
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(
      ([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation],
    ),
  );
}, 60_000);

const header = (op: Operation, name: string) =>
  op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase());
const problemRef = '#/components/schemas/Problem';

it('documents the success body of every route with a schema (204 has none)', () => {
  const lacking = operations.filter(([, op]) => {
    const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
    return (
      success.length === 0 ||
      success.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema))
    );
  });
  expect(lacking.map(([route]) => route)).toEqual([]);
});

it('documents the problem answers of every route with the one problem schema', () => {
  expect(Object.keys(document.components.schemas.Problem.properties)).toEqual(
    expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors', 'rule', 'state', 'currentRevision']),
  );
  const lacking = operations.flatMap(([route, op]) => {
    const expected = [
      '400',
      '429',
      '503',
      ...(route.includes(' /api/') ? ['401', '403'] : []),
      ...(route.includes('{') ? ['404'] : []),
    ];
    if (op.requestBody) expected.push('413', '415');
    if (header(op, 'Idempotency-Key')) expected.push('422');
    return expected
      .filter(
        (status) =>
          op.responses[status]?.content?.['application/problem+json']?.schema?.['$ref' as never] !== problemRef,
      )
      .map((status) => `${route} ${status}`);
  });
  expect(lacking).toEqual([]);
});

it('documents Idempotency-Key on every goal and sheet write, and If-Match with ETag where a revision applies', () => {
  const writes = operations.filter(([route]) => /^(POST|PATCH) \/api\/v1\/(goals|sheets)/.test(route));
  expect(writes.filter(([, op]) => !header(op, 'Idempotency-Key')).map(([route]) => route)).toEqual([]);
  const revised = writes.filter(([route]) => /\/goals\/\{goalId\}/.test(route));
  expect(revised.length).toBeGreaterThanOrEqual(8);
  const lacking = revised.filter(
    ([, op]) =>
      !header(op, 'If-Match') ||
      !op.responses[Object.keys(op.responses).find((s) => s.startsWith('2'))!]?.headers?.ETag,
  );
  expect(lacking.map(([route]) => route)).toEqual([]);
  const getGoal = operations.find(([route]) => route === 'GET /api/v1/goals/{goalId}')![1];
  expect(getGoal.responses['200'].headers?.ETag).toBeDefined();
});

it('marks bodies optional where no field is required (submit, withdraw, confirm) and required where one is', () => {
  const required = (route: string) => operations.find(([r]) => r === route)![1].requestBody?.required;
  expect(required('POST /api/v1/goals/{goalId}/submit')).toBe(false);
  expect(required('POST /api/v1/goals/{goalId}/withdraw')).toBe(false);
  expect(required('POST /api/v1/goals/{goalId}/achievement/confirm')).toBe(false);
  expect(required('POST /api/v1/goals/{goalId}/return')).toBe(true);
  expect(required('POST /api/v1/sheets/{sheetId}/goals')).toBe(true);
});

/** Where the real answer differs from its schema: a key the schema does not know, a required one missing, a wrong type. */
function mismatches(value: unknown, schema: any, at = '$'): string[] {
  if (schema.$ref) return mismatches(value, document.components.schemas[schema.$ref.split('/').pop()], at);
  if (schema.allOf)
    return [
      ...new Set(schema.allOf.flatMap((s: any) => mismatches(value, { ...s, additionalProperties: true }, at))),
    ] as string[];
  if (schema.oneOf) {
    // One of the alternatives fits; else the mismatches of the one that came closest.
    const tried = schema.oneOf.map((s: any) => mismatches(value, s, at));
    return tried.some((m: string[]) => m.length === 0)
      ? []
      : tried.sort((a: string[], b: string[]) => a.length - b.length)[0];
  }
  if (!schema.type && !schema.enum) return []; // any value
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.type === 'array')
    return Array.isArray(value)
      ? value.flatMap((v, i) => mismatches(v, schema.items, `${at}[${i}]`))
      : [`${at} is not an array`];
  if (schema.type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
    const record = value as Record<string, unknown>;
    const missing = (schema.required ?? [])
      .filter((k: string) => !(k in record))
      .map((k: string) => `${at}.${k} missing`);
    const extra = schema.additionalProperties
      ? []
      : Object.keys(record)
          .filter((k) => !(k in (schema.properties ?? {})))
          .map((k) => `${at}.${k} not in schema`);
    const inner = Object.entries(record).flatMap(([k, v]) =>
      schema.properties?.[k] && v !== undefined ? mismatches(v, schema.properties[k], `${at}.${k}`) : [],
    );
    return [...missing, ...extra, ...inner];
  }
  const types: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v),
    number: (v) => typeof v === 'number',
    boolean: (v) => typeof v === 'boolean',
  };
  if (schema.type && !types[schema.type]?.(value)) return [`${at} is not ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} is ${JSON.stringify(value)}, not one of the enum`];
  return [];
}

describe('the real answers fit their documented schemas', () => {
  let api: AppHarness;
  const checked: string[] = [];
  beforeAll(async () => {
    api = await startApp();
  }, 60_000);
  afterAll(async () => api?.close());

  const fits = async (user: string, method: string, path: string, route: string, body?: unknown) => {
    const r = await api.call(user, method, path, { body });
    expect({ route, status: r.status }).toEqual({ route, status: expect.any(Number) });
    expect(r.status).toBeLessThan(300);
    const op = operations.find(([name]) => name === route)![1];
    const schema = op.responses[String(r.status)]?.content?.['application/json']?.schema;
    expect({ route, mismatches: mismatches(r.body, schema) }).toEqual({ route, mismatches: [] });
    checked.push(route);
    return r.body;
  };

  it('for the routes the web application reads and writes', async () => {
    const { sheetId } = await fits('bucho', 'POST', '/sheets', 'POST /api/v1/sheets', SAMPLE_SHEET);
    const { goalId } = await fits(
      'kacho-shimin',
      'POST',
      `/sheets/${sheetId}/goals`,
      'POST /api/v1/sheets/{sheetId}/goals',
      SAMPLE_GOAL,
    );
    await fits('kacho-shimin', 'POST', `/goals/${goalId}/submit`, 'POST /api/v1/goals/{goalId}/submit');
    await fits('bucho', 'POST', `/goals/${goalId}/return`, 'POST /api/v1/goals/{goalId}/return', {
      reason: '達成水準を具体的に',
    });
    const goal = await eventually(
      () => api.call('kacho-shimin', 'GET', `/goals/${goalId}`),
      (r) => r.body?.status === 'returned' && r.body?.number !== null,
    );
    expect(mismatches(goal.body, { $ref: '#/components/schemas/Goal' })).toEqual([]);
    await fits('kacho-shimin', 'PATCH', `/goals/${goalId}`, 'PATCH /api/v1/goals/{goalId}', {
      title: '新しい実施項目',
      expectedRevision: goal.body.revision,
    });
    await fits('kacho-shimin', 'GET', `/goals/${goalId}`, 'GET /api/v1/goals/{goalId}');
    await fits('kacho-shimin', 'GET', `/goals/${goalId}/history`, 'GET /api/v1/goals/{goalId}/history');
    await fits('kacho-shimin', 'GET', `/sheets/${sheetId}`, 'GET /api/v1/sheets/{sheetId}');
    await fits('bucho', 'GET', '/sheets', 'GET /api/v1/sheets');
    await fits('kacho-shimin', 'GET', '/goals?section=市民課', 'GET /api/v1/goals');
    await fits('kacho-shimin', 'GET', '/deadlines', 'GET /api/v1/deadlines');
    await fits('kacho-shimin', 'GET', '/inbox', 'GET /api/v1/inbox');
    await fits('kacho-shimin', 'POST', `/goals/${goalId}/submit`, 'POST /api/v1/goals/{goalId}/submit');
    await eventually(
      () => api.call('bucho', 'GET', '/inbox'),
      (r) => r.body?.items?.length > 0,
    );
    await fits('bucho', 'GET', '/inbox', 'GET /api/v1/inbox');
    // 代決 today: the delegate's approval waits in the head's inbox as a 後閲 item, with its own schema
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    await fits('bucho', 'POST', '/delegations', 'POST /api/v1/delegations', {
      delegate: 'kacho-keizai',
      from: today,
      until: today,
      reason: '出張',
    });
    await fits('kacho-keizai', 'POST', `/goals/${goalId}/approve`, 'POST /api/v1/goals/{goalId}/approve', {});
    const withReview = await eventually(
      () => api.call('bucho', 'GET', '/inbox'),
      (r) => r.body?.items?.some((i: { kind: string }) => i.kind === 'review'),
    );
    expect(withReview.body.items.find((i: { kind: string }) => i.kind === 'review')).toMatchObject({
      decidedByName: '経済課長',
      onBehalfOfName: '沢柳和彦',
    });
    await fits('bucho', 'GET', '/inbox', 'GET /api/v1/inbox');
    await fits('kansa', 'GET', `/audit/trail?goalId=${goalId}`, 'GET /api/v1/audit/trail');
    await fits('kansa', 'GET', '/audit/verify', 'GET /api/v1/audit/verify');
    expect(checked.length).toBe(19);
  }, 60_000);
});
