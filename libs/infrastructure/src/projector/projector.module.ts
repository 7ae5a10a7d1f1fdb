/**
 * Runs the projector inside a NestJS process (the worker, or the embedded single process): it
 * starts with the application and stops with it, so a shutdown never leaves a batch half-sent.
 * The host provides the Redis client, the event store and the key prefix (the infrastructure module).
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Projector, rebuildReadModels, RebuildResult } from '@goals/read-models';

export const READ_MODEL_REDIS = Symbol('ReadModelRedis');
export const READ_MODEL_PREFIX = Symbol('ReadModelPrefix');

@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  projector: Projector;
  private readonly logAdapter = { log: (m: string) => this.logger.log(m), error: (m: string) => this.logger.error(m) };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
  ) {
    this.projector = this.newProjector();
  }

  private newProjector(): Projector {
    return new Projector({ store: this.store, redis: this.redis, prefix: this.prefix, logger: this.logAdapter });
  }

  /** Stops the live projector, replays every event into fresh read models, and goes live again. */
  async rebuild(): Promise<RebuildResult> {
    await this.projector.stop();
    try {
      return await rebuildReadModels({ store: this.store, redis: this.redis, prefix: this.prefix, logger: this.logAdapter });
    } finally {
      this.projector = this.newProjector();
      await this.projector.start();
    }
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
  /** `imports` must provide EVENT_STORE, READ_MODEL_REDIS and READ_MODEL_PREFIX (or a global module). */
  static register(options: { imports?: DynamicModule['imports'] } = {}): DynamicModule {
    return {
      module: ProjectorModule,
      imports: options.imports ?? [],
      providers: [ProjectorService],
      exports: [ProjectorService],
    };
  }
}
