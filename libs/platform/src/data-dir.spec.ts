import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUse, DataDirLock, processStart, processState } from './data-dir';

describe('the DATA_DIR lock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'goal-sheet-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const holdBy = (pid: number) =>
    writeFileSync(join(dir, DataDirLock.FILE), JSON.stringify({ pid, started: processStart(pid) }));

  it('is refused while a live process holds it', async () => {
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      holdBy(holder.pid!);
      expect(() => DataDirLock.acquire(dir)).toThrow(DataDirInUse);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('is taken over from a holder that has exited but is still a zombie (not yet collected by its parent)', async () => {
    // The shell starts a child, then becomes `sleep`, which never collects it: the child stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
      );
      const deadline = Date.now() + 5000;
      while (processState(zombie) !== 'Z' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(processState(zombie)).toBe('Z');
      holdBy(zombie);
      const lock = DataDirLock.acquire(dir);
      lock.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
