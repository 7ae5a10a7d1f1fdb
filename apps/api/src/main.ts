import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, preflight, boundShutdown, exitOnStartFailure } from '@goals/infrastructure';
import { markStartup, startupTimeline } from '@goals/platform';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  markStartup('modules');
  const config = loadConfig();
  await preflight(config);
  markStartup('preflight');
  boundShutdown(config.shutdownTimeoutMs, 'api');
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
