import { startWorker } from '@goals/event-store';
import type { ProjectorLogger } from './projector';
import type { RebuildResult } from './read-model.maintenance';
import type { RebuildWorkerInput, RebuildWorkerMessage } from './rebuild.worker';

/**
 * The young generation a rebuild runs with, in MB: V8 makes semi-spaces of a third of it, 64 MB here
 * (as `--max-semi-space-size=64` would for a whole process; 16 MB by default). A batch's events, views
 * and commands are alive until its EXEC is sent, and the next batch is read meanwhile: in small
 * semi-spaces each scavenge finds most of them alive and copies them. Measured in bench/README.md
 * ("Rebuild, third session").
 */
export const REBUILD_YOUNG_GENERATION_MB = 192;

/**
 * rebuildReadModels over a SQLite event file, in a worker thread: the same projector, the same
 * batches and checkpoint (WATCH, MULTI/EXEC), so the models and the guarantees are the same. The
 * worker's young generation is sized for the replay (a flag the api's and the command-line tool's
 * processes do not have to carry), and the api's own thread stays free to answer meanwhile.
 */
export function rebuildSqliteInWorker(options: {
  file: string;
  redisUrl: string;
  prefix: string;
  batchSize?: number;
  logger?: ProjectorLogger;
  youngGenerationMb?: number;
}): Promise<RebuildResult> {
  const input: RebuildWorkerInput = {
    file: options.file,
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    batchSize: options.batchSize,
  };
  const worker = startWorker(__dirname, 'rebuild', input, {
    maxYoungGenerationSizeMb: options.youngGenerationMb ?? REBUILD_YOUNG_GENERATION_MB,
  });
  return new Promise<RebuildResult>((resolve, reject) => {
    let settled = false;
    const settle = (act: () => void) => {
      if (settled) return;
      settled = true;
      act();
      void worker.terminate();
    };
    worker.on('message', (message: RebuildWorkerMessage) => {
      if ('log' in message) options.logger?.log(message.log);
      else if ('error' in message) options.logger?.error(message.error);
      else if ('result' in message) settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.failed)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the rebuild worker stopped (exit ${code})`))));
  });
}
