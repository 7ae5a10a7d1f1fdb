import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@goals/infrastructure';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config });
  await app.listen({ port: config.port, host: config.host });
  Logger.log(`listening on http://${config.host}:${config.port} (docs at /docs, events in ${config.eventStore.kind})`, 'Main');
}

main().catch((e: Error) => {
  // A configuration mistake is the operator's to fix: say which variable, without a stack trace.
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `${e.stack}\n`);
  process.exit(1);
});
