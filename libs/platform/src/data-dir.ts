/**
 * The data folder (DATA_DIR) of the embedded default belongs to one running instance at a time: two
 * instances on one folder would run two redis-servers on one append-only file and write every read
 * model twice. A lock file records the holder's pid (and its start time, so a pid reused after a
 * reboot is not mistaken for the holder); a lock left by a process that is gone is taken over.
 */
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** A problem the operator fixes (a variable, a folder, another instance): said in one line, no stack. */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

export class DataDirInUse extends OperatorError {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
  ) {
    super(
      `DATA_DIR ${dir} is in use by another instance (pid ${holderPid}); stop it first, or give this one its own DATA_DIR`,
    );
  }
}

/**
 * Creates the folder when it is missing (this user's only: 0700) and checks it can be written; names the
 * path and the variable if not. A folder other users may write is refused: they could replace the event
 * file, the Redis password or the token secret, or plant a lock file that stops the service.
 */
export function ensureDataDir(dir: string, variable = 'DATA_DIR'): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new OperatorError(
      `${variable} ${dir} cannot be created or written (${code}); set ${variable} to a folder this user may write`,
    );
  }
  const mode = statSync(dir).mode & 0o777;
  if (mode & 0o022)
    throw new OperatorError(
      `${variable} ${dir} can be written by other users (mode ${mode.toString(8)}); ` +
        `make it this user's alone (chmod go-w ${dir}) or set ${variable} to another folder`,
    );
}

interface LockHolder {
  pid: number;
  /** Start time of the process in clock ticks since boot (Linux), to tell a reused pid apart. */
  started?: string;
}

export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.releaseNow();

  private constructor(
    readonly dir: string,
    private readonly file: string,
  ) {
    process.on('exit', this.onExit);
  }

  static readonly FILE = 'instance.lock';

  private static readonly heldHere = new Map<string, { lock: DataDirLock; count: number }>();

  /** Takes the folder's lock, or throws DataDirInUse naming the holder. Re-entrant within one process. */
  static acquire(dir: string): DataDirLock {
    const mine = DataDirLock.heldHere.get(dir);
    if (mine && !mine.lock.released) {
      mine.count += 1;
      return mine.lock;
    }
    const lock = DataDirLock.take(dir);
    DataDirLock.heldHere.set(dir, { lock, count: 1 });
    return lock;
  }

  private static take(dir: string): DataDirLock {
    ensureDataDir(dir);
    const file = join(dir, DataDirLock.FILE);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, JSON.stringify({ pid: process.pid, started: processStart(process.pid) } satisfies LockHolder));
        closeSync(fd);
        return new DataDirLock(dir, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = DataDirLock.holder(dir);
      if (holder) throw new DataDirInUse(dir, holder.pid);
      // Left by a process that is gone (kill -9, power loss): take it over.
      try {
        unlinkSync(file);
      } catch {
        // another starter took it over first; the next attempt tells who holds it
      }
    }
    throw new OperatorError(`DATA_DIR ${dir}: could not take its lock file ${file}`);
  }

  /** The live process holding the folder's lock, if any. */
  static holder(dir: string): LockHolder | undefined {
    let holder: LockHolder;
    try {
      holder = JSON.parse(readFileSync(join(dir, DataDirLock.FILE), 'utf8')) as LockHolder;
    } catch {
      return undefined; // absent, or half-written by a process killed while writing it
    }
    if (!Number.isInteger(holder.pid) || !isAlive(holder.pid)) return undefined;
    const started = processStart(holder.pid);
    if (holder.started && started && holder.started !== started) return undefined; // the pid was reused
    return holder;
  }

  /** Gives the lock back once every acquire in this process has released it (or at exit). */
  release(): void {
    const mine = DataDirLock.heldHere.get(this.dir);
    if (mine?.lock === this && --mine.count > 0) return;
    this.releaseNow();
  }

  private releaseNow(): void {
    if (this.released) return;
    DataDirLock.heldHere.delete(this.dir);
    this.released = true;
    process.off('exit', this.onExit);
    try {
      const holder = JSON.parse(readFileSync(this.file, 'utf8')) as LockHolder;
      if (holder.pid === process.pid) unlinkSync(this.file);
    } catch {
      // already gone
    }
  }
}

/**
 * Whether the process runs. A zombie (state Z: it has exited, its parent has not yet collected it)
 * does not: a killed instance stays one for a second or two, and its folder is free meanwhile.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

/** Field 3 of /proc/<pid>/stat (R, S, D, Z, …); undefined where there is no /proc. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2];
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * The data folder's identity, made at its first start: the embedded Redis must carry it too, so a
 * Redis holding another folder's read models is never taken for this one's.
 */
export function dataFolderIdentity(dir: string): string {
  const file = join(dir, 'data-folder-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (id) return id;
  } catch {
    // first start
  }
  const id = randomUUID();
  writeFileSync(file, id + '\n', { mode: 0o600 });
  return id;
}
