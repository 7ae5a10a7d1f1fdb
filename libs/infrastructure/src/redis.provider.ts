/**
 * Where Redis is: REDIS_URL, or — on the embedded default — a redis-server we start ourselves with
 * its data under DATA_DIR (append-only, no eviction), stopped again when the service stops.
 */
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { LocalRedisServer } from '@goals/redis';
import { APP_CONFIG, AppConfig } from './config/app-config';

export const REDIS_URL = Symbol('RedisUrl');
export const REDIS = Symbol('Redis');

@Injectable()
export class EmbeddedRedis implements OnApplicationShutdown {
  private server?: LocalRedisServer;
  private readonly logger = new Logger('Redis');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async url(): Promise<string> {
    if (this.config.redisUrl) return this.config.redisUrl;
    if (!this.server) {
      const port = this.config.embeddedRedisPort;
      this.server = await new LocalRedisServer({ dataDir: join(this.config.dataDir, 'redis'), port }).start();
      this.logger.log(`started a local redis-server on ${this.server.url} (data in ${join(this.config.dataDir, 'redis')})`);
    }
    return this.server.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}

export const redisProviders = [
  EmbeddedRedis,
  { provide: REDIS_URL, inject: [EmbeddedRedis], useFactory: (redis: EmbeddedRedis) => redis.url() },
  {
    provide: REDIS,
    inject: [REDIS_URL],
    useFactory: (url: string) =>
      new IORedis(url, { maxRetriesPerRequest: null, retryStrategy: (attempt) => Math.min(100 * attempt, 2000) }),
  },
];
