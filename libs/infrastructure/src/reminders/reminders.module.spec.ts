import { DEFAULT_REMINDER_SETTINGS, jstInstant } from '@goals/domain';
import { EVENT_STORE, EventStore, ReadAllOptions, SqliteEventStore } from '@goals/event-store';
import { CLOCK, ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { ReminderNotifier, ReminderScheduler } from '@goals/reminders';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemindersModule } from './reminders.module';

describe('RemindersModule', () => {
  it('starts the scheduler and the notifier with the application and stops them with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-reminders-module-'));
    const redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });

    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: new ManualClock(jstInstant('2022-12-01', 9)) },
      ],
      exports: [EVENT_STORE, CLOCK],
    })
    class PortsModule {}

    const app = await Test.createTestingModule({
      imports: [
        PortsModule,
        RemindersModule.forRoot({
          useFactory: () => ({
            redisUrl: redis.url,
            redisMode: 'production',
            queueName: `reminders-${randomUUID()}`,
            keyPrefix: 'module-test',
            settings: DEFAULT_REMINDER_SETTINGS,
          }),
        }),
      ],
    }).compile();
    app.enableShutdownHooks();
    try {
      await app.init();
      expect(await app.get(ReminderScheduler).rebuild()).toEqual({ goals: 0, scheduled: 0, removed: 0 });
      expect(await app.get(ReminderNotifier).listFailed()).toEqual([]);
    } finally {
      await app.close();
      await store.close();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is started, and the application with it, before the schedule has caught up with the store; it catches up behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-reminders-catch-up-'));
    const redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    const sqlite = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    // Reading the whole store is held back until the test lets it go: a store too big to read during a start.
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const store: EventStore = Object.assign(Object.create(sqlite) as EventStore, {
      readAll: async (options?: ReadAllOptions) => {
        await gate;
        return sqlite.readAll(options);
      },
    });

    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: new ManualClock(jstInstant('2022-12-01', 9)) },
      ],
      exports: [EVENT_STORE, CLOCK],
    })
    class PortsModule {}

    const app = await Test.createTestingModule({
      imports: [
        PortsModule,
        RemindersModule.forRoot({
          useFactory: () => ({
            redisUrl: redis.url,
            redisMode: 'production',
            queueName: `reminders-${randomUUID()}`,
            keyPrefix: 'module-test',
            settings: DEFAULT_REMINDER_SETTINGS,
          }),
        }),
      ],
    }).compile();
    app.enableShutdownHooks();
    try {
      await app.init();
      const scheduler = app.get(ReminderScheduler);
      expect(scheduler.status().phase).toBe('catching-up');
      letGo();
      const deadline = Date.now() + 10_000;
      while (scheduler.status().phase !== 'following' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(scheduler.status()).toEqual({ phase: 'following' });
    } finally {
      letGo();
      await app.close();
      await sqlite.close();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
