/**
 * How a process of the service ends: SIGTERM/SIGINT close it gracefully (NestJS shutdown hooks), but
 * never for longer than SHUTDOWN_TIMEOUT_MS — a Redis outage must not keep it alive; an operator's
 * mistake (a variable, a folder, another instance) is said in one line without a stack.
 */
import { ConfigError } from './config/app-config';
import { OperatorError } from '@goals/platform';

export function boundShutdown(timeoutMs: number, name: string): void {
  let closing = false;
  const arm = (signal: NodeJS.Signals) => {
    // The second signal is NestJS re-raising it once closed (or an operator insisting): exit now,
    // through 'exit' listeners, which a default signal death would skip.
    if (closing) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    closing = true;
    const timer = setTimeout(() => {
      process.stderr.write(
        `${name}: still closing ${timeoutMs} ms after ${signal}; exiting now (SHUTDOWN_TIMEOUT_MS)\n`,
      );
      // 'exit' listeners still run: the embedded redis-server gets its SIGTERM, the DATA_DIR lock is released.
      process.exit(1);
    }, timeoutMs);
    timer.unref();
  };
  process.on('SIGTERM', () => arm('SIGTERM'));
  process.on('SIGINT', () => arm('SIGINT'));
}

export function exitOnStartFailure(e: Error): never {
  const operators = e instanceof ConfigError || e instanceof OperatorError || e.name === 'ForeignRedis';
  process.stderr.write(operators ? `${e.message}\n` : `${e.stack}\n`);
  process.exit(1);
}
