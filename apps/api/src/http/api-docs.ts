/**
 * What each route tells the OpenAPI document (and so the web application's generated client) about
 * its answers: the success body, every problem it may answer with (one problem+json schema), and the
 * headers a write takes and gives. The OpenAPI test fails for a route that leaves any of it out.
 */
import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiResponseNoStatusOptions,
  getSchemaPath,
} from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ description: 'the field (or header, or file line) to fix', example: 'deadlineMonth' })
  field!: string;

  @ApiProperty({ description: 'what is wrong with it', example: 'must be an integer 1–12' })
  reason!: string;
}

/** RFC 9457 problem details, as every error leaves the service (see problem-details.filter.ts). */
export class Problem {
  @ApiProperty({ example: 'https://goal-sheet.example/problems/invalid-input' })
  type!: string;

  @ApiProperty({ example: 'Invalid input' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty()
  detail!: string;

  @ApiPropertyOptional({ type: [FieldError], description: '400: one entry per field, naming it and the reason' })
  errors?: FieldError[];

  @ApiPropertyOptional({ description: '403: the rule that refused the request', example: 'own-section' })
  rule?: string;

  @ApiPropertyOptional({ description: '409: the state that does not allow the step', example: 'approved' })
  state?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: '409 on a stale If-Match: the revision now current (null: it does not exist yet)',
  })
  currentRevision?: number | null;
}

export const PROBLEM_DESCRIPTIONS = {
  400: 'Bad input: `errors` names each field and the reason; nothing was changed',
  401: 'No valid token or session',
  403: 'Not allowed: `rule` names the rule that refused it',
  404: 'Not found (or not visible to you)',
  409: 'A stale If-Match (`currentRevision`), or a step the current `state` does not allow',
  413: 'Too large for one request or one write',
  415: 'A content type this route does not take',
  422: 'The Idempotency-Key was already used for a different request',
  429: 'Too many requests this minute',
  503: 'The event store or Redis is not answering; nothing was changed, try again (Retry-After)',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/** Problem answers a route may give, each with the problem+json schema. */
export function Problems(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ApiExtraModels(Problem, FieldError),
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
      }),
    ),
  );
}

/** A read with bearer auth: its success answer, and the problems every authenticated read may give. */
export function ReadResponses(success: ApiResponseNoStatusOptions, ...problems: ProblemStatus[]) {
  return applyDecorators(ApiOkResponse(success), Problems(401, 403, 429, 503, ...problems));
}

/** A write outside the goal workflow that creates something (no Idempotency-Key). */
export function CreatedResponses(success: ApiResponseNoStatusOptions, ...problems: ProblemStatus[]) {
  return applyDecorators(ApiCreatedResponse(success), Problems(401, 403, 429, 503, ...problems));
}

/** A route that answers 204 with no body. */
export function NoContentResponses(description: string, ...problems: ProblemStatus[]) {
  return applyDecorators(ApiNoContentResponse({ description }), Problems(401, 403, 429, 503, ...problems));
}

export const ETAG_HEADER = {
  ETag: {
    description: 'The new revision, quoted: send it as If-Match with the next write',
    schema: { type: 'string' },
  },
};

export interface WriteDocs {
  /** 200 for a step on something that exists, 201 for a new one. */
  status: 200 | 201;
  success: ApiResponseNoStatusOptions;
  /**
   * 'required': the write is refused without it or the body's expectedRevision (revise, amend) — so the
   * header itself stays optional in the document; 'optional': checked when sent.
   */
  ifMatch?: 'required' | 'optional';
  /** The body may be left out entirely (every field optional). */
  optionalBody?: { type: new () => object };
  /** The answer carries an ETag with the new revision. */
  etag?: boolean;
  problems?: ProblemStatus[];
}

/**
 * A command over HTTP: Idempotency-Key (a retry answers as the first request; the same key with another
 * request answers 422), X-Correlation-Id, If-Match where it applies, and the problems every write may give.
 */
export function WriteResponses(docs: WriteDocs) {
  return applyDecorators(
    (docs.status === 201 ? ApiCreatedResponse : ApiOkResponse)({
      description: docs.status === 201 ? 'Created' : 'Done',
      ...docs.success,
      ...(docs.etag ? { headers: ETAG_HEADER } : {}),
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the same key answers as the first request and writes nothing (1–200 visible ASCII)',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Groups the events of one user action' }),
    ...(docs.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description:
              'The revision you last saw, e.g. "3" (the ETag of your last read or write)' +
              (docs.ifMatch === 'required' ? '; required here, unless the body carries expectedRevision' : ''),
          }),
        ]
      : []),
    ...(docs.optionalBody ? [ApiBody({ type: docs.optionalBody.type, required: false })] : []),
    Problems(400, 401, 403, 422, 429, 503, ...(docs.ifMatch ? ([409] as const) : []), ...(docs.problems ?? [])),
  );
}
