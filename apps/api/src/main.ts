import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, preflight, boundShutdown, exitOnStartFailure } from '@goals/infrastructure';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  boundShutdown(config.shutdownTimeoutMs, 'api');
  const app = await createApp({ config });
  await app.listen({ port: config.port, host: config.host });
  Logger.log(
    `listening on http://${config.host}:${config.port} (docs at /docs, events in ${config.eventStore.kind})`,
    'Main',
  );
}

main().catch(exitOnStartFailure);
