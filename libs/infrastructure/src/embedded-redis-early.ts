/**
 * The embedded redis-server, started by `npm start` before the api's code is loaded. Loading a
 * million events' read models from its append-only file takes Redis seconds, and loading the api's
 * modules takes Node about as long: side by side instead of one after the other, a restart after
 * kill -9 is ready in about the longer of the two. EmbeddedRedis (redis.provider.ts) takes over the
 * server started here; without an early start it starts its own, as tests do.
 *
 * This file and what it imports stay light (no NestJS, no client libraries): main.ts loads it first.
 */
import { join } from 'node:path';
import { dataFolderIdentity } from '@goals/platform';
import { LocalRedisLogger, LocalRedisServer } from '@goals/redis';
import type { AppConfig } from './config/app-config';

/** Where the server's own log lines go: stderr until the api's logger takes them over. */
const forwarding: { to: LocalRedisLogger } = {
  to: { log: (m) => process.stdout.write(`${m}\n`), warn: (m) => process.stderr.write(`${m}\n`) },
};

let early: { dataDir: string; started: Promise<LocalRedisServer> } | undefined;

export function embeddedRedisServer(config: AppConfig, logger: LocalRedisLogger): LocalRedisServer {
  return new LocalRedisServer({
    dataDir: join(config.dataDir, 'redis'),
    port: config.embeddedRedisPort,
    supervise: true,
    identity: dataFolderIdentity(config.dataDir),
    logger,
  });
}

/** Starts the embedded Redis without waiting for it (call after preflight, which holds DATA_DIR). */
export function startEmbeddedRedisEarly(config: AppConfig): void {
  if (config.redisUrl || early) return;
  const started = embeddedRedisServer(config, {
    log: (m) => forwarding.to.log(m),
    warn: (m) => forwarding.to.warn(m),
  }).start();
  // A failed start is reported when the api asks for the server (takeEarlyEmbeddedRedis).
  started.catch(() => undefined);
  early = { dataDir: join(config.dataDir, 'redis'), started };
}

/** The server started early for this data folder, once, with its log lines sent to `logger` from now on. */
export function takeEarlyEmbeddedRedis(config: AppConfig, logger: LocalRedisLogger): Promise<LocalRedisServer> | undefined {
  if (!early || early.dataDir !== join(config.dataDir, 'redis')) return undefined;
  const { started } = early;
  early = undefined;
  forwarding.to = logger;
  return started;
}
