/**
 * The reminder scheduler and notifier as a NestJS module for apps/worker. Configuration comes in
 * as one validated options object (the central config builds it from the environment); the event
 * store and the clock come from the ports the worker module already provides (EVENT_STORE, CLOCK),
 * which must be visible to this module: global, or exported by a module passed in `imports`.
 *
 *   RemindersModule.forRoot({ useFactory: (config) => config.reminders, inject: [AppConfig] })
 */
import { DynamicModule, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Clock, CLOCK } from '@goals/platform';
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

/** Starts the notifier before the scheduler, so reminders already due go out as soon as they are queued. */
@Injectable()
export class RemindersLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    readonly scheduler: ReminderScheduler,
    readonly notifier: ReminderNotifier,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.notifier.start();
    await this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
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
      imports: options.imports ?? [],
      providers: [
        { provide: REMINDERS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: ReminderScheduler,
          useFactory: (store: EventStore, clock: Clock, config: RemindersOptions) => new ReminderScheduler(store, clock, config, logger),
          inject: [EVENT_STORE, CLOCK, REMINDERS_OPTIONS],
        },
        {
          provide: ReminderNotifier,
          useFactory: (store: EventStore, clock: Clock, config: RemindersOptions) => {
            const channels: NotificationChannel[] = [];
            if (config.smtp) channels.push(new EmailChannel(config.smtp));
            if (config.webhookUrl) channels.push(new WebhookChannel(config.webhookUrl));
            if (channels.length === 0) logger.warn('no reminder channel configured (SMTP_HOST, REMINDER_WEBHOOK_URL): reminders are only recorded');
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
