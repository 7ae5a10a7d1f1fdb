/**
 * A redis-server child process with its data in a folder of ours: the embedded default's Redis,
 * and the real Redis every test talks to. Configured the way BullMQ and the projector need it:
 * append-only persistence and no eviction.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

export interface LocalRedisOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  binary?: string;
}

export class LocalRedisServer {
  private process?: ChildProcess;
  port = 0;

  constructor(private readonly options: LocalRedisOptions) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    mkdirSync(this.options.dataDir, { recursive: true });
    this.port = this.port || this.options.port || (await freePort());
    const child = spawn(
      this.options.binary ?? 'redis-server',
      [
        '--bind', '127.0.0.1',
        '--port', String(this.port),
        '--dir', this.options.dataDir,
        '--appendonly', 'yes',
        '--appendfsync', 'everysec',
        '--save', '',
        '--maxmemory-policy', 'noeviction',
        '--daemonize', 'no',
        '--logfile', '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    child.stdout?.on('data', (d) => (output = (output + d).slice(-4000)));
    child.stderr?.on('data', (d) => (output = (output + d).slice(-4000)));
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new Error(`redis-server could not start (${e.message}); install it: apt-get install -y redis-server`)));
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
    await Promise.race([waitForPort(this.port), exited]);
    child.removeAllListeners('exit');
    return this;
  }

  /** Stops the server as a crash would (SIGKILL) or cleanly (SIGTERM, which flushes the AOF). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await gone;
    this.process = undefined;
  }

  /** Starts again on the same port and data folder, as after a restart. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.start();
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

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.write('PING\r\n');
      });
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
