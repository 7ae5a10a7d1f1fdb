/** Finding and dropping every read-model key under a prefix: for a rebuild, and for models of an older layout. */
import type { Redis } from 'ioredis';

export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    // Large steps: a million events leave some 300,000 keys, and each step is a round trip.
    const [next, batch] = await redis.scan(cursor, 'MATCH', escapeGlob(prefix) + '*', 'COUNT', 10_000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

/** Deletes every read-model key under the prefix, the checkpoint included. */
export async function dropReadModels(redis: Redis, prefix: string): Promise<number> {
  const found = await keysUnder(redis, prefix);
  // Sent together, not one round trip per 500 keys (600 of them before a rebuild at a million events).
  const unlinks: Array<Promise<number>> = [];
  for (let i = 0; i < found.length; i += 500) unlinks.push(redis.unlink(...found.slice(i, i + 500)));
  await Promise.all(unlinks);
  return found.length;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => '\\' + c);
}
