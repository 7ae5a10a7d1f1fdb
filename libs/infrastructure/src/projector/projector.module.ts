/**
 * Runs the projector inside a NestJS process (the worker, or the embedded single process): it
 * starts with the application and stops with it, so a shutdown never leaves a batch half-sent.
 * The host provides the Redis client, the event store and the key prefix (the infrastructure module).
 */
import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import {
  Projector,
  ProjectorStatus,
  rebuildReadModels,
  RebuildResult,
  rebuildSqliteInWorker,
} from '@goals/read-models';
import { RedisLease, withLeasePaused } from '@goals/redis';
import { markStartup } from '@goals/platform';

export const READ_MODEL_REDIS = Symbol('ReadModelRedis');
export const READ_MODEL_PREFIX = Symbol('ReadModelPrefix');
/** How long a projector's lease lasts unrenewed (a dead holder is replaced after at most this). */
export const PROJECTOR_LEASE_TTL_MS = Symbol('ProjectorLeaseTtlMs');
/**
 * Where a rebuild can read the events and write the models from a thread of its own: the SQLite file
 * and Redis's URL. Absent (EventStoreDB), the rebuild runs on the process's own thread.
 */
export const READ_MODEL_REBUILD_SOURCE = Symbol('ReadModelRebuildSource');

export interface ReadModelRebuildSource {
  sqliteFile: string;
  redisUrl: string;
}

/** One active projector per read-model prefix, among every api and worker process on one Redis. */
export function projectorLeaseKey(prefix: string): string {
  return `lease:projector:${prefix}`;
}

@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  projector: Projector;
  private readonly logAdapter = { log: (m: string) => this.logger.log(m), error: (m: string) => this.logger.error(m) };

  private readonly lease: RedisLease;
  private readonly leaseConnection: Redis;
  private readonly leaseTtlMs: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_REDIS) private readonly redis: Redis,
    @Inject(READ_MODEL_PREFIX) private readonly prefix: string,
    @Optional() @Inject(PROJECTOR_LEASE_TTL_MS) leaseTtlMs?: number,
    @Optional() @Inject(READ_MODEL_REBUILD_SOURCE) private readonly rebuildSource?: ReadModelRebuildSource | null,
  ) {
    this.projector = this.newProjector();
    this.leaseTtlMs = leaseTtlMs ?? 10_000;
    this.leaseConnection = redis.duplicate();
    this.lease = new RedisLease(this.leaseConnection, {
      key: projectorLeaseKey(prefix),
      ttlMs: this.leaseTtlMs,
      onAcquired: () => this.projector.start(),
      onReleased: () => this.projector.stop(),
      logger: { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m) },
    });
  }

  /** The projector's status; `standby` while another process holds the lease and projects. */
  status(): ProjectorStatus & { standby: boolean } {
    return { ...this.projector.status(), standby: !this.lease.held };
  }

  private newProjector(): Projector {
    return new Projector({ store: this.store, redis: this.redis, prefix: this.prefix, logger: this.logAdapter });
  }

  /**
   * Pauses the active projector, wherever it runs (this process or another), replays every event
   * into fresh read models, and lets a projector take over again.
   */
  async rebuild(): Promise<RebuildResult> {
    try {
      return await withLeasePaused(
        this.leaseConnection,
        projectorLeaseKey(this.prefix),
        () => this.replay(),
        // When this process is the one projecting, it steps down at once rather than at its next renewal.
        { ttlMs: this.leaseTtlMs, timeoutMs: this.leaseTtlMs * 3, afterPause: () => this.lease.poke() },
      );
    } finally {
      await this.lease.poke();
    }
  }

  /**
   * On SQLite the replay runs in a worker thread (its own connections, its young generation sized for
   * the replay): the api's thread goes on answering meanwhile, and a million events take about a
   * third less CPU than on the api's thread, whose heap holds the whole application.
   */
  private replay(): Promise<RebuildResult> {
    const options = { prefix: this.prefix, logger: this.logAdapter };
    return this.rebuildSource
      ? rebuildSqliteInWorker({
          ...options,
          file: this.rebuildSource.sqliteFile,
          redisUrl: this.rebuildSource.redisUrl,
        })
      : rebuildReadModels({ ...options, store: this.store, redis: this.redis });
  }

  /** Waits for the first attempt at the lease, so a single instance is projecting once the app is up. */
  async onApplicationBootstrap(): Promise<void> {
    await this.lease.start();
    markStartup('projector lease');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease.stop();
    await this.projector.stop();
    this.leaseConnection.disconnect();
  }
}

@Module({})
export class ProjectorModule {
  /** `imports` must provide EVENT_STORE, READ_MODEL_REDIS and READ_MODEL_PREFIX (or a global module). */
  static register(options: { imports?: DynamicModule['imports'] } = {}): DynamicModule {
    return {
      module: ProjectorModule,
      // Global: /health and the admin endpoints, in their own modules, ask for it (optionally).
      global: true,
      imports: options.imports ?? [],
      providers: [ProjectorService],
      exports: [ProjectorService],
    };
  }
}
