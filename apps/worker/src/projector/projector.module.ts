/**
 * Runs the projector inside a NestJS process (the worker, or the embedded single process): it
 * starts with the application and stops with it, so a shutdown never leaves a batch half-sent.
 * The host module provides the Redis client, the event store and the key prefix.
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Projector } from '@goals/read-models';

export const READ_MODEL_REDIS = Symbol('ReadModelRedis');
export const READ_MODEL_PREFIX = Symbol('ReadModelPrefix');

@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  readonly projector: Projector;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_REDIS) redis: Redis,
    @Inject(READ_MODEL_PREFIX) prefix: string,
  ) {
    this.projector = new Projector({ store, redis, prefix, logger: { log: (m) => this.logger.log(m), error: (m) => this.logger.error(m) } });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}

@Module({})
export class ProjectorModule {
  /** `imports` must provide EVENT_STORE and READ_MODEL_REDIS; the prefix defaults to 'rm:'. */
  static register(options: { imports?: DynamicModule['imports']; prefix?: string } = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: options.imports ?? [],
      providers: [{ provide: READ_MODEL_PREFIX, useValue: options.prefix ?? 'rm:' }, ProjectorService],
      exports: [ProjectorService],
    };
  }
}
