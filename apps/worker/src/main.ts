import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@goals/infrastructure';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config }));
  app.enableShutdownHooks();
  Logger.log(`worker running on ${config.eventStore.kind}`, 'Worker');
}

main().catch((e: Error) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `${e.stack}\n`);
  process.exit(1);
});
