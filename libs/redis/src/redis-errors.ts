/**
 * ioredis reports an unreachable Redis in several ways (a command timeout, retries exhausted, a closed
 * or unwritable connection, a refused connect); the HTTP layer answers all of them with one 503.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.name === 'RedisDeadlineExceeded') return true;
  return /^(Command timed out|Connection is closed|Stream isn't writeable|connect ECONNREFUSED|Reached the max retries)/.test(
    error.message,
  );
}

export class RedisDeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`Command timed out: Redis did not answer within ${ms} ms`);
    this.name = 'RedisDeadlineExceeded';
  }
}

/**
 * For work on a connection that waits for Redis by design (BullMQ's, maxRetriesPerRequest null)
 * when a person waits for the answer: give up after `ms` (the work itself goes on, harmlessly).
 */
export function withinRedisDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineExceeded(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
