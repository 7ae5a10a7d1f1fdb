/**
 * What every route shares in the OpenAPI document, added once here instead of on each controller:
 * the problem+json answers (RFC 9457, as ProblemDetailsFilter writes them), If-Match and ETag on the
 * writes that take a revision, and bodies marked optional when no field of them is required. The web
 * application's client is generated from this document, so what is missing here is wrong there.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './openapi.schemas';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<
    string,
    { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
}

export const PROBLEM_SCHEMA = 'Problem';

const PROBLEM: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` on every 400, `rule` on 403, `state` and `currentRevision` on 409',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://goal-sheet.example/problems/invalid-input' },
    title: { type: 'string', example: 'Invalid input' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description:
        'What to fix, one entry per field ("(body)", "(query)", "(url)" or a header name when no field is to blame)',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', example: 'deadlineMonth' },
          reason: { type: 'string', example: 'must be an integer 1–12' },
        },
      },
    },
    rule: { type: 'string', description: 'The rule that refused the write (403)' },
    state: { type: 'string', description: 'The state the goal is in (409 illegal transition)' },
    currentRevision: { type: 'integer', nullable: true, description: 'The revision to reload (409 stale revision)' },
  },
};

const PROBLEMS: Record<string, string> = {
  '400': 'Invalid input: `errors` names each field and what it must be',
  '401': 'Not signed in, or the token is not valid',
  '403': 'Not allowed for the post you hold today',
  '404': 'Not found, or not visible to you',
  '409': 'Changed by someone else (stale revision), or not possible in the current state',
  '413': 'The body is larger than the service accepts',
  '415': 'The content type is not one this route reads',
  '422': 'The Idempotency-Key was used before with another request',
  '429': 'Too many requests from you this minute',
  '503': 'The event store or Redis is not answering; nothing was changed, try again',
};

const ETAG = {
  description: 'The revision, quoted: send it back as If-Match with the next change',
  schema: { type: 'string', example: '"3"' },
};

export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = { ...schemas, ...RESPONSE_SCHEMAS, [PROBLEM_SCHEMA]: PROBLEM };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const write = method !== 'get';
      const api = path.startsWith('/api/');
      const statuses = ['400', '429', '503'];
      if (api) statuses.push('401', '403');
      if (path.includes('{')) statuses.push('404');
      if (write && api) statuses.push('409');
      if (operation.requestBody) statuses.push('413', '415');
      if (operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) statuses.push('422');
      // A route may describe a refusal in its own words; its body is still the one problem schema.
      for (const status of statuses.sort())
        operation.responses[status] = {
          description: PROBLEMS[status],
          ...operation.responses[status],
          content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } },
        };
      const body = bodySchema(document, operation);
      if (body && operation.requestBody && !(body.required as string[] | undefined)?.length)
        operation.requestBody.required = false;
      // Writes whose body may carry expectedRevision take If-Match instead, and answer the new revision as ETag.
      if (body && (body.properties as Schema | undefined)?.expectedRevision) {
        if (!operation.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match'))
          (operation.parameters ??= []).push({
            name: 'If-Match',
            in: 'header',
            required: false,
            description:
              'The revision you last saw (the ETag of the goal); a stale one answers 409 with currentRevision',
            schema: { type: 'string', example: '"3"' },
          } as never);
        for (const [status, response] of Object.entries(operation.responses))
          if (status.startsWith('2')) response.headers = { ETag: ETAG, ...response.headers };
      }
    }
  }
  return document;
}

function bodySchema(document: OpenAPIObject, operation: Operation): Schema | undefined {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  return document.components?.schemas?.[ref.replace('#/components/schemas/', '')] as Schema | undefined;
}
