/**
 * A redis-server child process with its data in a folder of ours: the embedded default's Redis,
 * and the real Redis every test talks to. Configured the way BullMQ and the projector need it:
 * append-only persistence and no eviction.
 *
 * On the embedded default it is the api's own: its pid is kept in a file in its folder, so one left
 * running by an api killed with kill -9 is found and stopped before a new one starts; the answer on
 * the port must come from the child we started (its pid) and carry the data folder's identity, so a
 * foreign Redis on the port is refused; a child that dies is restarted (supervise) with a backoff;
 * and it is stopped when the process exits, whatever the way (signal handlers stop it cleanly,
 * an exit or an uncaught error sends it SIGTERM on the way out).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';

export interface LocalRedisLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface LocalRedisOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  binary?: string;
  /** Restart the child when it dies unexpectedly, with a growing pause (the embedded default). */
  supervise?: boolean;
  /** The data folder's identity: written into Redis at first start and required at every start. */
  identity?: string;
  logger?: LocalRedisLogger;
}

/** A Redis on our port that is not ours, or whose data belongs to another data folder. */
export class ForeignRedis extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignRedis';
  }
}

export const IDENTITY_KEY = 'goal-sheet:data-folder-id';
const PID_FILE = 'redis-server.pid';
/** In the server's folder, beside its data; only this user reads it. */
export const PASSWORD_FILE = 'redis-password';
const MAX_BACKOFF_MS = 5000;

const silent: LocalRedisLogger = { log: () => undefined, warn: () => undefined };

export class LocalRedisServer {
  private process?: ChildProcess;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  private failures = 0;
  private startedAt = 0;
  private readonly logger: LocalRedisLogger;
  private readonly killOnExit = () => {
    // 'exit' listeners must be synchronous: a signal is all that can still be sent.
    if (this.process && this.process.exitCode === null) this.process.kill('SIGTERM');
  };
  /** Restarts done by the supervisor since start. */
  restarts = 0;
  port = 0;
  private secret?: string;

  constructor(private readonly options: LocalRedisOptions) {
    this.logger = options.logger ?? silent;
  }

  /** Carries the password: never log it (say the port instead). */
  get url(): string {
    return `redis://:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  /**
   * The password the server requires, generated once and kept in its folder (mode 0600): without it
   * any local account could read the sessions and password hashes through the port, or write them.
   */
  get password(): string {
    if (this.secret === undefined) {
      const file = join(this.options.dataDir, PASSWORD_FILE);
      mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      this.secret = readFileSync(file, 'utf8').trim();
    }
    return this.secret;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  private get pidFile(): string {
    return join(this.options.dataDir, PID_FILE);
  }

  /**
   * What start does before it spawns: stops a redis-server left running by a previous start of this
   * folder, and refuses a port held by anything else. Callable alone, to fail early and plainly.
   */
  async prepare(): Promise<number | undefined> {
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    ownerOnly(this.options.dataDir);
    await this.stopLeftover();
    const fixedPort = this.port || this.options.port;
    if (fixedPort && !(await isPortFree(fixedPort)))
      throw new ForeignRedis(
        `port ${fixedPort} is taken by another process, not the redis-server of ${this.options.dataDir}: ` +
          'stop it, or set EMBEDDED_REDIS_PORT to a free port',
      );
    return fixedPort;
  }

  async start(): Promise<this> {
    this.stopping = false;
    const fixedPort = await this.prepare();
    this.port = fixedPort || (await freePort());
    const password = this.password;
    // Files the server creates (the append-only files) are its user's alone: the child inherits the umask.
    const umask = process.umask(0o077);
    let child: ChildProcess;
    try {
      child = spawn(
        this.options.binary ?? 'redis-server',
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(this.port),
          '--dir',
          this.options.dataDir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'everysec',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
          // A sheet's 番号 and a section's goals are sorted sets of a hundred or more: packed up to
          // 512 members, a third of the memory the default (128) leaves them in at a city's size.
          '--zset-max-listpack-entries',
          '512',
          '--daemonize',
          'no',
          '--logfile',
          '',
          '--requirepass',
          password,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } finally {
      process.umask(umask);
    }
    this.process = child;
    process.on('exit', this.killOnExit);
    let output = '';
    child.stdout?.on('data', (d) => (output = (output + d).slice(-4000)));
    child.stderr?.on('data', (d) => (output = (output + d).slice(-4000)));
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (e) =>
        reject(new Error(`redis-server could not start (${e.message}); install it: apt-get install -y redis-server`)),
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
    exited.catch(() => undefined);
    try {
      await Promise.race([waitForRedis(this), exited]);
      const answering = Number(/process_id:(\d+)/.exec(await command(this, 'INFO server'))?.[1]);
      if (answering !== child.pid)
        throw new ForeignRedis(
          `port ${this.port} is answered by another Redis (pid ${answering}), not the one started for ${this.options.dataDir}`,
        );
      if (this.options.identity) await this.checkIdentity(this.options.identity);
    } catch (error) {
      // A failed start leaves nothing behind.
      await this.stop('SIGKILL');
      throw error;
    }
    writeFileSync(this.pidFile, JSON.stringify({ pid: child.pid, port: this.port }), { mode: 0o600 });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    child.on('error', () => undefined);
    child.once('exit', (code, signal) => this.onUnexpectedExit(child, code, signal));
    this.startedAt = Date.now();
    return this;
  }

  /** Stops the server as a crash would (SIGKILL) or cleanly (SIGTERM, which flushes the AOF). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.process;
    process.off('exit', this.killOnExit);
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await gone;
    }
    if (this.process === child) this.process = undefined;
    try {
      const recorded = JSON.parse(readFileSync(this.pidFile, 'utf8')) as { pid: number };
      if (recorded.pid === child.pid) unlinkSync(this.pidFile);
    } catch {
      // no pid file: it never got that far
    }
  }

  /** Starts again on the same port and data folder, as after a restart. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  private onUnexpectedExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || this.process !== child) return;
    this.process = undefined;
    if (!this.options.supervise) return;
    // A child that ran a while before dying starts the backoff afresh.
    if (Date.now() - this.startedAt > 30_000) this.failures = 0;
    const delay = Math.min(100 * 2 ** this.failures, MAX_BACKOFF_MS);
    this.failures += 1;
    this.logger.warn(`redis-server on port ${this.port} died (${signal ?? `exit ${code}`}); restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.start().then(
        () => {
          this.restarts += 1;
          this.logger.log(`redis-server restarted on port ${this.port}`);
        },
        (error: Error) => {
          this.logger.warn(`redis-server did not restart: ${error.message}`);
          if (!this.stopping) this.onUnexpectedExit(child, code, signal);
        },
      );
    }, delay);
  }

  /** A redis-server of a previous process that died without stopping it (kill -9) still holds the folder. */
  private async stopLeftover(): Promise<void> {
    let recorded: { pid: number; port: number };
    try {
      recorded = JSON.parse(readFileSync(this.pidFile, 'utf8')) as { pid: number; port: number };
    } catch {
      return;
    }
    if (recorded.pid !== this.process?.pid && isRedisServer(recorded.pid)) {
      this.logger.warn(
        `stopping the redis-server left running by a previous start (pid ${recorded.pid}, port ${recorded.port})`,
      );
      process.kill(recorded.pid, 'SIGTERM'); // flushes its append-only file
      const deadline = Date.now() + 5000;
      while (isRedisServer(recorded.pid)) {
        if (Date.now() > deadline) {
          process.kill(recorded.pid, 'SIGKILL');
          await new Promise((r) => setTimeout(r, 100));
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    try {
      unlinkSync(this.pidFile);
    } catch {
      // already gone
    }
  }

  private async checkIdentity(identity: string): Promise<void> {
    const answer = await command(this, `GET ${IDENTITY_KEY}`);
    const stored = answer.startsWith('$-1') ? undefined : answer.split('\r\n')[1];
    if (stored === undefined) {
      await command(this, `SET ${IDENTITY_KEY} ${identity}`);
      return;
    }
    if (stored !== identity)
      throw new ForeignRedis(
        `the Redis on port ${this.port} holds the data of another data folder (identity ${stored}, this one is ${identity}): ` +
          `its files in ${this.options.dataDir} were copied from elsewhere; move them away to start afresh`,
      );
  }
}

/**
 * The folder and every file in it readable and writable by this user only (0700 / 0600): folders made
 * by releases before this one, and files a redis-server wrote under a looser umask, are tightened too.
 */
function ownerOnly(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/** Whether the pid is a live redis-server (not a process that reused the pid). */
function isRedisServer(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited already; only its parent's wait is missing.
    return cmdline.includes('redis-server') && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust the pid file
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A local Redis to talk to: its port, and the password it requires (the embedded one always has one). */
export type RedisTarget = number | { port: number; password?: string };

/**
 * One inline command, its raw RESP answer (enough for PING, INFO, GET and SET). With a password the
 * command follows an AUTH in the same write; the AUTH's answer is left out (a refused AUTH is the answer).
 */
export function command(target: RedisTarget, line: string, timeoutMs = 2000): Promise<string> {
  const { port, password } = typeof target === 'number' ? { port: target, password: undefined } : target;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from port ${port} to ${line.split(' ')[0]}`));
    }, timeoutMs);
    const reply = () => {
      if (!password) return answer;
      if (answer.startsWith('-')) return answer; // AUTH refused
      return answer.startsWith('+OK\r\n') ? answer.slice(5) : '';
    };
    const complete = (text: string) => {
      if (text === '') return false;
      if (text.startsWith('$')) {
        const length = Number(text.slice(1, text.indexOf('\r\n')));
        return length < 0 || text.length >= text.indexOf('\r\n') + 2 + length + 2;
      }
      return text.endsWith('\r\n');
    };
    socket.on('data', (d) => {
      answer += d.toString();
      const text = reply();
      if (complete(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.connect(port, '127.0.0.1', () => socket.write((password ? `AUTH ${password}\r\n` : '') + line + '\r\n'));
  });
}

/**
 * Waits until Redis answers PING. While it loads its append-only file it answers LOADING, which
 * takes as long as the file is big (seconds at a million events): that is waited out for as long
 * as the bytes loaded keep growing. It fails when there is no answer at all, or loading makes no
 * progress, for `stallMs`.
 */
export async function waitForRedis(target: RedisTarget, { stallMs = 10_000, pollMs = 50 } = {}): Promise<void> {
  // The embedded server asks for its password: the target carries it.
  const port = typeof target === 'number' ? target : target.port;
  let deadline = Date.now() + stallMs;
  let loaded = -1;
  for (;;) {
    const answer = await command(target, 'PING', 1000).catch(() => '');
    if (answer.startsWith('+PONG')) return;
    if (answer.startsWith('-LOADING')) {
      const info = await command(target, 'INFO persistence', 1000).catch(() => '');
      const bytes = Number(/loading_loaded_bytes:(\d+)/.exec(info)?.[1] ?? -1);
      if (bytes > loaded) {
        loaded = bytes;
        deadline = Date.now() + stallMs;
      }
    }
    if (Date.now() > deadline)
      throw new Error(
        loaded >= 0
          ? `redis-server on port ${port} stopped loading its data (${loaded} bytes loaded, no progress for ${stallMs} ms)`
          : `redis-server did not answer on port ${port}`,
      );
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * The redis-server a running service started for this folder (`dataDir`: the folder's redis/), found
 * by the pid file it wrote: console commands use it on whatever port it was given, so they work with
 * any DATA_DIR without EMBEDDED_REDIS_PORT. Undefined when none runs; the caller then starts its own.
 * A server answering with another folder's identity is refused rather than used.
 */
export async function runningLocalRedis(dataDir: string, identity?: string): Promise<{ url: string } | undefined> {
  let recorded: { pid: number; port: number };
  try {
    recorded = JSON.parse(readFileSync(join(dataDir, PID_FILE), 'utf8')) as { pid: number; port: number };
  } catch {
    return undefined;
  }
  if (!Number.isInteger(recorded.port) || !isRedisServer(recorded.pid)) return undefined;
  // The server asks for the password kept beside its data (a folder of a release before passwords: none).
  let password: string | undefined;
  try {
    password = readFileSync(join(dataDir, PASSWORD_FILE), 'utf8').trim();
  } catch {
    password = undefined;
  }
  const target = { port: recorded.port, password };
  let info: string;
  try {
    info = await command(target, 'INFO server', 1000);
  } catch {
    return undefined;
  }
  if (Number(/process_id:(\d+)/.exec(info)?.[1]) !== recorded.pid) return undefined;
  if (identity) {
    const answer = await command(target, `GET ${IDENTITY_KEY}`, 1000);
    const held = answer.startsWith('$-1') ? '' : (answer.split('\r\n')[1] ?? '');
    if (held && held !== identity)
      throw new ForeignRedis(`the redis-server on port ${recorded.port} holds another data folder's read models`);
  }
  return {
    url: password
      ? `redis://:${encodeURIComponent(password)}@127.0.0.1:${recorded.port}`
      : `redis://127.0.0.1:${recorded.port}`,
  };
}
