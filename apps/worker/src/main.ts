import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, preflight, boundShutdown, exitOnStartFailure } from '@goals/infrastructure';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  boundShutdown(config.shutdownTimeoutMs, 'worker');
  // abortOnError off: a failed start reaches exitOnStartFailure, which says it in one line.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config }), { abortOnError: false });
  app.enableShutdownHooks();
  Logger.log(`worker running on ${config.eventStore.kind}`, 'Worker');
}

main().catch(exitOnStartFailure);
