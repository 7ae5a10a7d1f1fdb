/**
 * Replay for auditors: drop every read-model key under a prefix and rebuild from the first event,
 * and a digest of all keys and values so a rebuild can be compared with the live models.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { EventStore } from '@goals/event-store';
import { Projector, ProjectorLogger } from './projector';
import { dropReadModels, keysUnder } from './read-model.drop';

export { dropReadModels };

export interface RebuildResult {
  events: number;
  parked: number;
  checkpoint?: string;
  millis: number;
}

/**
 * Drops the models under the prefix and replays the whole store into them. The live projector must
 * be stopped first (or the rebuild pointed at another prefix and compared with hashReadModels).
 */
export async function rebuildReadModels(options: {
  store: EventStore;
  redis: Redis;
  prefix: string;
  batchSize?: number;
  logger?: ProjectorLogger;
}): Promise<RebuildResult> {
  const started = Date.now();
  await dropReadModels(options.redis, options.prefix);
  const projector = new Projector(options);
  await projector.start();
  await projector.waitUntilCaughtUp();
  const status = projector.status();
  await projector.stop();
  return { events: status.applied, parked: status.parked, checkpoint: status.checkpoint, millis: Date.now() - started };
}

/**
 * SHA-256 over every key (without the prefix) and its value, in a canonical order: equal digests
 * mean equal read models, whatever prefix or Redis instance holds them.
 */
export async function hashReadModels(redis: Redis, prefix: string): Promise<{ keys: number; sha256: string }> {
  const found = (await keysUnder(redis, prefix)).sort();
  const hash = createHash('sha256');
  for (const key of found) {
    const type = await redis.type(key);
    hash.update(`${key.slice(prefix.length)}\u0000${type}\u0000`);
    switch (type) {
      case 'string':
        hash.update((await redis.get(key)) ?? '');
        break;
      case 'hash': {
        const entries = Object.entries(await redis.hgetall(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [field, value] of entries) hash.update(`${field}\u0001${value}\u0002`);
        break;
      }
      case 'list':
        for (const value of await redis.lrange(key, 0, -1)) hash.update(`${value}\u0002`);
        break;
      case 'zset':
        for (const value of await redis.zrange(key, 0, -1, 'WITHSCORES')) hash.update(`${value}\u0002`);
        break;
      case 'set':
        for (const value of (await redis.smembers(key)).sort()) hash.update(`${value}\u0002`);
        break;
      default:
        throw new Error(`unexpected ${type} at ${key}`);
    }
    hash.update('\u0003');
  }
  return { keys: found.length, sha256: hash.digest('hex') };
}
