import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread on one of this folder's `<name>.worker` entry points. From the sources (tests,
 * `npm run start:dev`) the entry is TypeScript and needs the require hook every TypeScript entry
 * point here runs with; from the build it is plain JavaScript.
 */
export function startWorker(name: string, workerData: unknown): Worker {
  const compiled = __filename.endsWith('.js');
  const entry = join(__dirname, `${name}.worker.${compiled ? 'js' : 'ts'}`);
  const hook = join(__dirname, '..', '..', '..', 'bench', 'register.js');
  return new Worker(entry, { workerData, execArgv: compiled || !existsSync(hook) ? [] : ['-r', hook] });
}
