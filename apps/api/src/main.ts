import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DataDirLock, ensureDataDir } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { AppConfig, loadConfig } from './config/app-config';
import { createApp } from './bootstrap';
import { boundShutdown, exitOnStartFailure } from './shutdown';

/**
 * What an operator must fix is found before the application starts, so it is said in one line:
 * DATA_DIR missing or unwritable, another instance on it, a foreign process on the Redis port.
 */
async function preflight(config: AppConfig): Promise<void> {
  ensureDataDir(config.dataDir);
  if (config.redisUrl) return;
  DataDirLock.acquire(config.dataDir); // held for the life of the process; the embedded Redis takes it again
  await new LocalRedisServer({ dataDir: join(config.dataDir, 'redis'), port: config.embeddedRedisPort }).prepare();
}

async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  boundShutdown(config.shutdownTimeoutMs, 'api');
  const app = await createApp({ config });
  await app.listen({ port: config.port, host: config.host });
  Logger.log(`listening on http://${config.host}:${config.port} (docs at /docs, events in ${config.eventStore.kind})`, 'Main');
}

main().catch(exitOnStartFailure);
