/**
 * Where Redis is: REDIS_URL, or — on the embedded default — a redis-server we own, with its data
 * under DATA_DIR (append-only, no eviction): DATA_DIR is locked to this process, the child is
 * supervised (restarted when it dies) and stopped with the service, and it must carry the data
 * folder's identity.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { DataDirLock, markStartup } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { embeddedRedisServer, takeEarlyEmbeddedRedis } from './embedded-redis-early';

export const REDIS_URL = Symbol('RedisUrl');
export const REDIS = Symbol('Redis');

@Injectable()
export class EmbeddedRedis implements OnApplicationShutdown {
  private server?: LocalRedisServer;
  private lock?: DataDirLock;
  private readonly logger = new Logger('Redis');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The embedded redis-server, when this process runs one. */
  get local(): LocalRedisServer | undefined {
    return this.server;
  }

  async url(): Promise<string> {
    if (this.config.redisUrl) return this.config.redisUrl;
    if (!this.server) {
      const dataDir = join(this.config.dataDir, 'redis');
      this.lock = DataDirLock.acquire(this.config.dataDir);
      const logger = { log: (m: string) => this.logger.log(m), warn: (m: string) => this.logger.warn(m) };
      try {
        this.server = await (takeEarlyEmbeddedRedis(this.config, logger) ??
          embeddedRedisServer(this.config, logger).start());
      } catch (error) {
        this.lock.release();
        throw error;
      }
      this.logger.log(`started a local redis-server on port ${this.server.port} (data in ${dataDir})`);
      markStartup('Redis');
      // DATA_DIR is locked to this process, so a lease found here was left by a previous start that
      // died holding it: drop it rather than wait for it to expire.
      await dropLeases(this.server.url);
    }
    return this.server.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
    this.lock?.release();
  }
}

/**
 * The request path's connection: a command fails after REDIS_COMMAND_TIMEOUT_MS and is retried once
 * at most, so an outage answers 503 instead of holding the request. BullMQ keeps connections of its
 * own that wait for Redis (maxRetriesPerRequest null), as its workers require.
 */
export function requestPathRedis(url: string, commandTimeoutMs: number): IORedis {
  return new IORedis(url, {
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  });
}

async function dropLeases(url: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const keys = await redis.keys('lease:*');
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export const redisProviders = [
  EmbeddedRedis,
  { provide: REDIS_URL, inject: [EmbeddedRedis], useFactory: (redis: EmbeddedRedis) => redis.url() },
  {
    provide: REDIS,
    inject: [REDIS_URL, APP_CONFIG],
    useFactory: (url: string, config: AppConfig) => requestPathRedis(url, config.redisCommandTimeoutMs),
  },
];
