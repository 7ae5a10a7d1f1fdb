/**
 * After a failing run Jest exits on its own: a test that fails while its service process runs leaves
 * nothing behind that Jest would wait for (the process, its pipes, its redis-server). Run as a Jest of
 * its own on a fixture that fails on purpose.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Far more than the fixture needs; a Jest still waiting after this is the failure. */
const EXIT_WITHIN_MS = 120_000;

jest.setTimeout(EXIT_WITHIN_MS + 30_000);

it('exits by itself, with a failure, after a test failed with its service still running', async () => {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--runInBand',
      '--testRegex',
      'fails-with-a-service-running\\.fixture\\.ts$',
      'test/faults/fixtures',
    ],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), EXIT_WITHIN_MS);
  });
  const outcome = await Promise.race([exited, stuck]);
  clearTimeout(timer);
  if (outcome === 'still running') child.kill('SIGKILL');
  expect({ outcome, output: output.includes('Jest did not exit') }).toEqual({ outcome: 1, output: false });
  expect(output).toContain('fails half-way with the service still running');
});
