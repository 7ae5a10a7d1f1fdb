/**
 * The OpenAPI document is a contract a generated client (the web application's) relies on: every route
 * must say what it answers on success and on each problem, which headers a write takes and gives, and
 * whether its body may be left out. This walks the document the app builds and names every gap.
 */
import { buildOpenApiJson } from './cli/openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'];
const PROBLEM_REF = '#/components/schemas/Problem';

/** What each route leaves out, one line per gap ("POST /api/v1/goals/{goalId}/submit: no 422"). */
export function missingDocs(doc: Json): string[] {
  const gaps: string[] = [];
  const schemas: Json = doc.components?.schemas ?? {};
  const resolve = (schema: Json | undefined): Json | undefined =>
    schema?.$ref ? schemas[String(schema.$ref).replace('#/components/schemas/', '')] : schema;

  for (const [path, operations] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      const gap = (what: string) => gaps.push(`${route}: ${what}`);
      const responses: Json = op.responses ?? {};
      const statuses = Object.keys(responses);
      const success = statuses.find((s) => /^2\d\d$/.test(s));
      if (!success) gap('no success response');
      else if (!responses[success].description) gap(`${success} has no description`);
      else if (success !== '204' && !responses[success].content) gap(`${success} says nothing of its body`);

      const isPublic = Array.isArray(op.security) ? op.security.length === 0 : !op.security;
      const problems = statuses.filter((s) => /^[45]\d\d$/.test(s) && !(isPublic && s === '503'));
      if (problems.length === 0) gap('no problem response');
      for (const status of problems)
        if (responses[status].content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF)
          gap(`${status} is not the problem+json schema`);
      if (!statuses.includes('429')) gap('no 429');
      if (!isPublic) for (const status of ['401', '403']) if (!statuses.includes(status)) gap(`no ${status}`);

      const parameters: Json[] = op.parameters ?? [];
      const takesInput = parameters.some((p) => p.in === 'path' || p.in === 'query') || op.requestBody;
      if (takesInput && !statuses.includes('400')) gap('takes input but documents no 400');

      const header = (name: string) => parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === name);
      const isCommand =
        WRITE_METHODS.includes(method) && (op.tags ?? []).some((t: string) => t === 'goals' || t === 'sheets');
      if (isCommand) {
        if (!header('idempotency-key')) gap('no Idempotency-Key header');
        if (!statuses.includes('422')) gap('no 422 for a reused Idempotency-Key');
        const body = resolve(responses[success ?? '']?.content?.['application/json']?.schema);
        const answersRevision = body?.properties?.revision !== undefined;
        const etag = Object.keys(responses[success ?? '']?.headers ?? {}).some((h) => h.toLowerCase() === 'etag');
        if (answersRevision && !etag) gap('answers a revision but documents no ETag header');
        // A step on something that exists (200, not 201 created) can be stale: it takes If-Match.
        if (success === '200' && answersRevision && !header('if-match')) gap('no If-Match header');
        if (header('if-match') && !statuses.includes('409')) gap('takes If-Match but documents no 409');
      }
      // A partial update (PATCH) names at least one field, so its body stays required.
      if (op.requestBody && method !== 'patch') {
        const schema = resolve(op.requestBody.content?.['application/json']?.schema);
        const bodyOptional = schema !== undefined && !(schema.required?.length > 0);
        if (bodyOptional && op.requestBody.required !== false)
          gap('every field of the body is optional, but the body is required');
      }
    }
  }
  const problem = schemas.Problem;
  if (!problem) gaps.push('no Problem schema');
  else {
    for (const field of ['type', 'title', 'status', 'detail', 'errors', 'rule', 'state', 'currentRevision'])
      if (!problem.properties?.[field]) gaps.push(`Problem has no ${field}`);
    const fieldError = resolve(problem.properties?.errors?.items);
    if (!fieldError?.properties?.field || !fieldError?.properties?.reason)
      gaps.push('Problem.errors is not [{ field, reason }]');
  }
  return gaps;
}

describe('the OpenAPI document', () => {
  let doc: Json;
  beforeAll(async () => {
    doc = JSON.parse(await buildOpenApiJson());
  }, 60_000);

  it('documents every route: success, problems (problem+json), write headers, optional bodies', () => {
    expect(missingDocs(doc)).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(25);
  });

  it('marks the bodies of submit, withdraw, approve and confirm optional, and says revise/amend need a revision', () => {
    const op = (method: string, path: string) => doc.paths[`/api/v1${path}`][method];
    for (const step of ['submit', 'withdraw', 'approve', 'achievement/confirm'])
      expect(op('post', `/goals/{goalId}/${step}`).requestBody.required).toBe(false);
    const ifMatch = (o: Json) => o.parameters.find((p: Json) => p.name === 'If-Match');
    // Required for revise and amend, but the body's expectedRevision may carry it instead of the header.
    expect(ifMatch(op('patch', '/goals/{goalId}')).description).toContain('required here');
    expect(ifMatch(op('post', '/goals/{goalId}/amend')).description).toContain('required here');
    expect(ifMatch(op('post', '/goals/{goalId}/submit')).description).not.toContain('required here');
  });

  it('names what a route leaves out (the check itself)', () => {
    const broken: Json = structuredClone(doc);
    const submit = broken.paths['/api/v1/goals/{goalId}/submit'].post;
    delete submit.responses['422'];
    submit.parameters = submit.parameters.filter((p: Json) => p.name !== 'If-Match');
    submit.requestBody.required = true;
    broken.paths['/api/v1/goals/{goalId}'].get.responses['404'].content = { 'application/json': {} };
    delete broken.paths['/api/v1/inbox'].get.responses['200'];
    delete broken.components.schemas.Problem.properties.currentRevision;
    expect(missingDocs(broken).sort()).toEqual(
      [
        'GET /api/v1/goals/{goalId}: 404 is not the problem+json schema',
        'GET /api/v1/inbox: no success response',
        'POST /api/v1/goals/{goalId}/submit: every field of the body is optional, but the body is required',
        'POST /api/v1/goals/{goalId}/submit: no 422 for a reused Idempotency-Key',
        'POST /api/v1/goals/{goalId}/submit: no If-Match header',
        'Problem has no currentRevision',
      ].sort(),
    );
  });
});
