import IORedis from 'ioredis';
import { RedisMode, ReminderLogger } from './reminders.options';

/**
 * A connection that survives Redis restarts: BullMQ workers need `maxRetriesPerRequest: null` so a
 * command waits for the reconnection instead of failing, and the retry strategy never gives up.
 */
export function connectRedis(url: string): IORedis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
}

export class UnsafeRedis extends Error {
  constructor(readonly problems: string[]) {
    super(`Redis is not safe for reminders: ${problems.join('; ')}`);
    this.name = 'UnsafeRedis';
  }
}

/**
 * BullMQ keeps delayed jobs only in Redis: an evicting Redis silently drops reminders, and one
 * without persistence loses them on restart. Production refuses to start; the embedded default
 * (a local redis-server we configure ourselves) only warns.
 */
export async function checkRedisForReminders(
  redis: IORedis,
  mode: RedisMode,
  logger: ReminderLogger,
): Promise<string[]> {
  const problems: string[] = [];
  const info = await redis.info();
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const policy = field('maxmemory_policy') ?? (await configGet(redis, 'maxmemory-policy'));
  if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy ?? 'unknown'}, must be noeviction`);
  const aof = field('aof_enabled') === '1';
  // INFO does not show whether RDB snapshots are configured; CONFIG does, where it is allowed.
  const save = await configGet(redis, 'save');
  if (!aof && !save) problems.push('neither append-only (appendonly yes) nor RDB snapshots (save) are on');
  if (problems.length === 0) return problems;
  if (mode === 'production') throw new UnsafeRedis(problems);
  for (const p of problems) logger.warn(`Redis: ${p} (tolerated in the embedded mode only)`);
  return problems;
}

async function configGet(redis: IORedis, name: string): Promise<string | undefined> {
  try {
    const answer = (await redis.config('GET', name)) as string[];
    return answer[1] || undefined;
  } catch {
    return undefined; // managed Redis services often disable CONFIG
  }
}
