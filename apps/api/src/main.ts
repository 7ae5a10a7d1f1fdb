/**
 * `npm start`. Only what checking DATA_DIR and starting the embedded Redis need is imported up here:
 * Redis loads its append-only file (seconds at a million events) while Node loads the rest of the
 * api, instead of after it (libs/infrastructure/src/embedded-redis-early.ts).
 */
import 'reflect-metadata';
import { markStartup, startupTimeline } from '@goals/platform';
import { loadConfig } from '../../../libs/infrastructure/src/config/app-config';
import { startEmbeddedRedisEarly } from '../../../libs/infrastructure/src/embedded-redis-early';
import { preflight } from '../../../libs/infrastructure/src/preflight';
import { boundShutdown, exitOnStartFailure } from '../../../libs/infrastructure/src/shutdown';

async function main(): Promise<void> {
  markStartup('config');
  const config = loadConfig();
  await preflight(config);
  markStartup('preflight');
  boundShutdown(config.shutdownTimeoutMs, 'api');
  startEmbeddedRedisEarly(config);
  const [{ Logger }, { createApp }] = await Promise.all([import('@nestjs/common'), import('./bootstrap')]);
  markStartup('modules');
  const app = await createApp({ config });
  markStartup('Nest init');
  await app.listen({ port: config.port, host: config.host });
  markStartup('listen');
  Logger.log(
    `listening on http://${config.host}:${config.port} (docs at /docs, events in ${config.eventStore.kind})`,
    'Main',
  );
  Logger.log(startupTimeline().line, 'Startup');
}

main().catch(exitOnStartFailure);
