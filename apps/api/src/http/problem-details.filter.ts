/**
 * Every error leaves as application/problem+json (RFC 9457), mapped here once: controllers and
 * handlers throw typed errors and never build status codes by hand.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FieldError, IllegalTransition, InvalidInput, NotAllowed, NotFound, StaleRevision } from '@goals/domain';
import { AppendTooLarge, InvalidPosition, StoreCannotWrite, WrongExpectedVersion } from '@goals/event-store';
import { isRedisUnavailable } from '@goals/redis';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  rule?: string;
  state?: string;
  currentRevision?: number | null;
}

const TYPE_BASE = 'https://goal-sheet.example/problems/';

export function problemOf(error: unknown): Problem {
  if (error instanceof InvalidInput)
    return {
      type: `${TYPE_BASE}invalid-input`,
      title: 'Invalid input',
      status: 400,
      detail: error.message,
      errors: error.errors,
    };
  if (error instanceof NotAllowed)
    return {
      type: `${TYPE_BASE}not-allowed`,
      title: 'Not allowed',
      status: 403,
      detail: error.message,
      rule: error.rule,
    };
  if (error instanceof AppendTooLarge)
    return {
      type: `${TYPE_BASE}too-large`,
      title: 'Too large for one write',
      status: 413,
      detail: `${error.message}; split it into smaller parts`,
    };
  if (error instanceof InvalidPosition)
    return {
      type: `${TYPE_BASE}invalid-input`,
      title: 'Invalid input',
      status: 400,
      detail: error.message,
      errors: [{ field: 'position', reason: error.message }],
    };
  if (error instanceof NotFound)
    return { type: `${TYPE_BASE}not-found`, title: 'Not found', status: 404, detail: error.message };
  if (error instanceof IllegalTransition)
    return {
      type: `${TYPE_BASE}illegal-transition`,
      title: 'Not possible in the current state',
      status: 409,
      detail: error.message,
      state: error.state,
    };
  if (error instanceof StaleRevision)
    return {
      type: `${TYPE_BASE}stale-revision`,
      title: 'Changed by someone else',
      status: 409,
      detail: `${error.message}; reload and try again`,
      currentRevision: error.actual === 'none' ? null : Number(error.actual),
    };
  if (error instanceof WrongExpectedVersion)
    return {
      type: `${TYPE_BASE}stale-revision`,
      title: 'Changed by someone else',
      status: 409,
      detail: 'someone else changed it at the same moment; reload and try again',
      currentRevision: error.actual === 'no_stream' ? null : Number(error.actual),
    };
  if (error instanceof StoreCannotWrite)
    return error.reason === 'full'
      ? {
          type: `${TYPE_BASE}insufficient-storage`,
          title: 'Insufficient storage',
          status: 507,
          detail: `${error.message}: nothing was saved; free some space and send it again`,
        }
      : {
          type: `${TYPE_BASE}event-store-unavailable`,
          title: 'Event store unavailable',
          status: 503,
          detail: `${error.message}: nothing was saved; send it again later`,
        };
  if (isRedisUnavailable(error))
    return {
      type: `${TYPE_BASE}redis-unavailable`,
      title: 'Redis unavailable',
      status: 503,
      detail: `Redis (read models and reminders) is not answering (${(error as Error).message}); try again in a moment`,
    };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
    return {
      type: `${TYPE_BASE}${slug(HttpStatus[status] ?? 'error')}`,
      title: titleOf(status),
      status,
      detail,
      // The contract promises every 400 a list of what to fix, even when no single field is to blame.
      ...(status === 400 ? { errors: [{ field: '(request)', reason: detail }] } : {}),
    };
  }
  // Fastify plugins (the rate limit) throw plain objects carrying a status and a detail or message.
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const { message, detail } = error as { message?: unknown; detail?: unknown };
    const text =
      typeof detail === 'string' && detail
        ? detail
        : typeof message === 'string' && message
          ? message
          : titleOf(fastifyStatus);
    return {
      type: `${TYPE_BASE}${slug(HttpStatus[fastifyStatus] ?? 'bad-request')}`,
      title: titleOf(fastifyStatus),
      status: fastifyStatus,
      detail: text,
      ...(fastifyStatus === 400 ? { errors: [{ field: '(request)', reason: text }] } : {}),
    };
  }
  return {
    type: `${TYPE_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'something went wrong on our side; it has been logged',
  };
}

interface ProblemReply {
  header(name: string, value: string): ProblemReply;
  status(code: number): ProblemReply;
  send(body: string): unknown;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = problemOf(error);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    const reply = host.switchToHttp().getResponse<ProblemReply>();
    if (problem.status === 503) reply.header('retry-after', '5');
    // A stale If-Match answers the revision to reload as the ETag too, as a successful write does.
    if (typeof problem.currentRevision === 'number') reply.header('etag', `"${problem.currentRevision}"`);
    reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(problem));
  }
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid input',
    401: 'Not authenticated',
    403: 'Not allowed',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    409: 'Conflict',
    413: 'Request body too large',
    415: 'Unsupported media type',
    422: 'Unprocessable request',
    428: 'Precondition required',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Error';
}

function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}
