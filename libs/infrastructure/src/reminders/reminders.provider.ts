import { join } from 'node:path';
import { DiskReserve } from '@goals/platform';
import { RemindersOptions } from '@goals/reminders';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS_URL } from '../redis.provider';
import { RemindersModule } from './reminders.module';

/** The reminders as both the worker and the embedded single process run them, from the central config. */
export function remindersFromConfig() {
  return RemindersModule.forRoot({
    inject: [APP_CONFIG, REDIS_URL],
    useFactory: (config: AppConfig, redisUrl: string): RemindersOptions => ({
      ...config.reminders,
      redisUrl,
      redisMode: config.mode,
      leaseTtlMs: config.leaseTtlMs,
      diskReserve: new DiskReserve(join(config.dataDir, 'disk-reserve'), config.diskReserveBytes),
    }),
  });
}
