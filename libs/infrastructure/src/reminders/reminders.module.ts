/**
 * The reminder scheduler and notifier as a NestJS module for apps/worker. Configuration comes in
 * as one validated options object (the central config builds it from the environment); the event
 * store and the clock come from the ports the worker module already provides (EVENT_STORE, CLOCK),
 * which must be visible to this module: global, or exported by a module passed in `imports`.
 *
 *   RemindersModule.forRoot({ useFactory: (config) => config.reminders, inject: [AppConfig] })
 */
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import IORedis from 'ioredis';
import { RedisLease } from '@goals/redis';
import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Clock, CLOCK, markStartup } from '@goals/platform';
import {
  EmailChannel,
  NotificationChannel,
  ReminderNotifier,
  RemindersOptions,
  ReminderScheduler,
  WebhookChannel,
} from '@goals/reminders';

export const REMINDERS_OPTIONS = Symbol('RemindersOptions');

export interface RemindersModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => RemindersOptions | Promise<RemindersOptions>;
  inject?: FactoryProvider['inject'];
}

/**
 * Starts the notifier before the scheduler, so reminders already due go out as soon as they are
 * queued. Notifiers run in every process (BullMQ hands each job to one of them); the scheduler runs
 * in one process at a time, the holder of a lease in Redis.
 */
@Injectable()
export class RemindersLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private readonly leaseConnection: IORedis;
  private readonly lease: RedisLease;

  constructor(
    readonly scheduler: ReminderScheduler,
    readonly notifier: ReminderNotifier,
    @Inject(REMINDERS_OPTIONS) options: RemindersOptions,
  ) {
    // Bounded commands: a holder that cannot reach Redis must notice it and step down in time.
    this.leaseConnection = new IORedis(options.redisUrl, { commandTimeout: 2000, maxRetriesPerRequest: 1 });
    this.lease = new RedisLease(this.leaseConnection, {
      key: `lease:reminder-scheduler:${options.keyPrefix}:${options.queueName}`,
      ttlMs: options.leaseTtlMs,
      // The schedule catches up in the background: the api answers meanwhile (/health says so).
      onAcquired: () => this.scheduler.start({ wait: false }),
      onReleased: () => this.scheduler.stopFollowing(),
      logger: { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m) },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
    await this.lease.start();
    markStartup('reminders');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease.stop();
    this.leaseConnection.disconnect();
    await this.scheduler.stop();
    await this.notifier.stop();
  }
}

@Module({})
export class RemindersModule {
  static forRoot(options: RemindersModuleAsyncOptions): DynamicModule {
    const logger = new Logger('Reminders');
    return {
      module: RemindersModule,
      // Global: the admin endpoints, in a module of their own, ask for the scheduler and notifier (optionally).
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: REMINDERS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: ReminderScheduler,
          useFactory: (store: EventStore, clock: Clock, config: RemindersOptions) =>
            new ReminderScheduler(store, clock, config, logger),
          inject: [EVENT_STORE, CLOCK, REMINDERS_OPTIONS],
        },
        {
          provide: ReminderNotifier,
          useFactory: (store: EventStore, clock: Clock, config: RemindersOptions) => {
            const channels: NotificationChannel[] = [];
            if (config.smtp) channels.push(new EmailChannel(config.smtp));
            if (config.webhookUrl) channels.push(new WebhookChannel(config.webhookUrl));
            if (channels.length === 0)
              logger.warn(
                'no reminder channel configured (SMTP_HOST, REMINDER_WEBHOOK_URL): reminders are only recorded',
              );
            return new ReminderNotifier(store, clock, channels, config, logger);
          },
          inject: [EVENT_STORE, CLOCK, REMINDERS_OPTIONS],
        },
        RemindersLifecycle,
      ],
      // The admin endpoint (failed deliveries, retry, rebuild) uses these two.
      exports: [ReminderScheduler, ReminderNotifier],
    };
  }
}
