import Redis from 'ioredis';

/** MEMORY USAGE summed by kind of key (ids cut off): which read model holds the memory. */
export async function memoryByFamily(
  redis: Redis,
  prefix: string,
): Promise<Array<[string, { count: number; bytes: number }]>> {
  const families = new Map<string, { count: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.memory('USAGE', key);
    const sizes = (await pipeline.exec()) ?? [];
    batch.forEach((key, i) => {
      const family = key.slice(prefix.length).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>');
      const entry = families.get(family) ?? { count: 0, bytes: 0 };
      entry.count += 1;
      entry.bytes += Number(sizes[i]?.[1] ?? 0);
      families.set(family, entry);
    });
  } while (cursor !== '0');
  return [...families].sort(([, a], [, b]) => b.bytes - a.bytes);
}
