/**
 * ioredis reports an unreachable Redis in several ways (a command timeout, retries exhausted, a closed
 * or unwritable connection, a refused connect); the HTTP layer answers all of them with one 503.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return /^(Command timed out|Connection is closed|Stream isn't writeable|connect ECONNREFUSED|Reached the max retries)/.test(
    error.message,
  );
}
