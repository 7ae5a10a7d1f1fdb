/**
 * What both processes share — configuration, clock, the event store, Redis and the read-model
 * queries — provided once, globally, for the api, the worker and the embedded single process.
 */
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CLOCK, Clock, systemClock } from '@goals/platform';
import { ReadModelQueries } from '@goals/read-models';
import {
  PROJECTOR_LEASE_TTL_MS,
  READ_MODEL_PREFIX,
  READ_MODEL_REBUILD_SOURCE,
  READ_MODEL_REDIS,
  ReadModelRebuildSource,
} from './projector/projector.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { eventStoreProvider } from './event-store.provider';
import { REDIS, REDIS_URL, redisProviders } from './redis.provider';

export interface InfrastructureOptions {
  config: AppConfig;
  clock?: Clock;
}

export const READ_MODEL_KEY_PREFIX = 'rm:';

@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}
  async onApplicationShutdown() {
    await this.store.close();
    this.redis.disconnect();
  }
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot({ config, clock = systemClock }: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        eventStoreProvider,
        ...redisProviders,
        { provide: READ_MODEL_REDIS, useExisting: REDIS },
        { provide: READ_MODEL_PREFIX, useValue: READ_MODEL_KEY_PREFIX },
        { provide: PROJECTOR_LEASE_TTL_MS, useValue: config.leaseTtlMs },
        {
          provide: READ_MODEL_REBUILD_SOURCE,
          inject: [REDIS_URL],
          useFactory: (redisUrl: string): ReadModelRebuildSource | null =>
            config.eventStore.kind === 'sqlite' ? { sqliteFile: config.eventStore.file, redisUrl } : null,
        },
        {
          provide: ReadModelQueries,
          inject: [REDIS, READ_MODEL_PREFIX, EVENT_STORE],
          useFactory: (redis: Redis, prefix: string, store: EventStore) => new ReadModelQueries(redis, prefix, store),
        },
        ConnectionsCloser,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        EVENT_STORE,
        REDIS,
        READ_MODEL_REDIS,
        READ_MODEL_PREFIX,
        PROJECTOR_LEASE_TTL_MS,
        READ_MODEL_REBUILD_SOURCE,
        ReadModelQueries,
        ...redisProviders,
      ],
    };
  }
}
