import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ActingFor, Actor, InvalidInput } from '@goals/domain';

/** Everything about a write that is not the command itself: who, under which request, at what revision. */
export interface CommandContext {
  actor: Actor;
  /** Groups the events of one user action across streams (X-Correlation-Id, or new). */
  correlationId: string;
  /** The command that caused the events: one per request. */
  commandId: string;
  idempotencyKey?: string;
  /** Fingerprint of the request, so a reused Idempotency-Key with another body is caught. */
  requestHash: string;
  /** From If-Match or the body's expectedRevision: the revision the user last saw. */
  expectedRevision?: bigint;
  /** 代決: set by the goal workflow when the actor decides under a delegation in force today. */
  actingFor?: ActingFor;
}

interface RawRequest {
  actor: Actor;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

const MAX_KEY_LENGTH = 200;

export function commandContextOf(request: RawRequest): CommandContext {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const key = header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)))
    throw InvalidInput.of(
      'Idempotency-Key',
      `must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters`,
      `Idempotency-Key は半角の英数字・記号で1〜${MAX_KEY_LENGTH}字にしてください`,
    );
  const correlation = header('x-correlation-id');
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  return {
    actor: request.actor,
    correlationId: correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : randomUUID(),
    commandId: randomUUID(),
    idempotencyKey: key,
    requestHash: requestHashOf(request),
    expectedRevision: expectedRevisionOf(header('if-match'), body.expectedRevision),
  };
}

/** A file arrives as bytes (the sheet import) and is fingerprinted as such; JSON bodies by their parsed value. */
function requestHashOf(request: RawRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  return (
    Buffer.isBuffer(request.body) ? hash.update(request.body) : hash.update(JSON.stringify(request.body ?? null))
  ).digest('hex');
}

function expectedRevisionOf(ifMatch: string | undefined, fromBody: unknown): bigint | undefined {
  // The body's value is checked before it is compared: BigInt(1.5) throws, and that is the client's mistake.
  if (fromBody !== undefined && (typeof fromBody !== 'number' || !Number.isSafeInteger(fromBody) || fromBody < 0))
    throw InvalidInput.of(
      'expectedRevision',
      'must be a revision number, 0 or more',
      '版（expectedRevision）は0以上の整数で指定してください',
    );
  const inBody = fromBody === undefined ? undefined : BigInt(fromBody);
  if (ifMatch === undefined) return inBody;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
  if (!m)
    throw InvalidInput.of(
      'If-Match',
      'must be a revision number, e.g. "3"',
      'If-Match は版の番号（例: "3"）にしてください',
    );
  const revision = BigInt(m[1]);
  if (inBody !== undefined && inBody !== revision)
    throw InvalidInput.of(
      'expectedRevision',
      'differs from If-Match',
      '版（expectedRevision）が If-Match と違います。どちらか一つにしてください',
    );
  return revision;
}

/** Documents the headers every write reads, on the route that takes the write context. */
const documentWriteHeaders: ParameterDecorator = (target, key) => {
  if (key === undefined) return;
  const method = (target as Record<string | symbol, unknown>)[key];
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      `1 to ${MAX_KEY_LENGTH} visible ASCII characters: the same key and request again answer the first result, ` +
      'writing nothing twice; the same key with another request answers 422',
  })(target, key, { value: method });
};

export const WriteContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandContext =>
    commandContextOf(context.switchToHttp().getRequest<RawRequest>()),
  [documentWriteHeaders],
);
