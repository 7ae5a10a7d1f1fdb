import { join } from 'node:path';
import { DataDirLock, ensureDataDir } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { AppConfig } from './config/app-config';

/**
 * What an operator must fix is found before the application starts, so it is said in one line:
 * DATA_DIR missing or unwritable, another instance on it, a foreign process on the Redis port.
 */
export async function preflight(config: AppConfig): Promise<void> {
  ensureDataDir(config.dataDir);
  if (config.redisUrl) return;
  DataDirLock.acquire(config.dataDir); // held for the life of the process; the embedded Redis takes it again
  await new LocalRedisServer({ dataDir: join(config.dataDir, 'redis'), port: config.embeddedRedisPort }).prepare();
}
