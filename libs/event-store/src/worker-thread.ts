import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread on the `<name>.worker` entry point in `dir` (the caller's __dirname). From the
 * sources (tests, benches, `npm run start:dev`) the entry is TypeScript and needs the require hook
 * every TypeScript entry point here runs with; from the build it is plain JavaScript.
 */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const compiled = __filename.endsWith('.js');
  const entry = join(dir, `${name}.worker.${compiled ? 'js' : 'ts'}`);
  const hook = join(__dirname, '..', '..', '..', 'bench', 'register.js');
  return new Worker(entry, {
    workerData,
    execArgv: compiled || !existsSync(hook) ? [] : ['-r', hook],
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
