import { execFileSync, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import Redis from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, freePort, LocalRedisServer, waitForRedis } from './local-redis-server';

describe('local redis-server', () => {
  it('keeps what was written across a crash, with append-only persistence and no eviction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-redis-'));
    const redis = await new LocalRedisServer({ dataDir: dir }).start();
    try {
      expect(await command(redis, 'CONFIG GET maxmemory-policy')).toContain('noeviction');
      await command(redis, 'SET reminder:1 scheduled');
      await new Promise((r) => setTimeout(r, 1100)); // appendfsync everysec
      await redis.restart('SIGKILL');
      expect(await command(redis, 'GET reminder:1')).toContain('scheduled');
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the embedded redis-server is its data folder's own", () => {
  let dir: string;
  const servers: LocalRedisServer[] = [];
  const server = (options: Partial<ConstructorParameters<typeof LocalRedisServer>[0]> = {}) => {
    const s = new LocalRedisServer({ dataDir: join(dir, 'redis'), ...options });
    servers.push(s);
    return s;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'goal-sheet-owned-redis-'))));
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a redis-server left running by a previous start (its parent killed with kill -9) before starting its own', async () => {
    const previous = await server().start();
    const leftover = previous.pid!;
    // The parent dies without stopping its child: nothing of `previous` runs again.
    const next = await server().start();
    expect(alive(leftover)).toBe(false);
    expect(next.pid).not.toBe(leftover);
    expect(await command(next, 'PING')).toContain('PONG');
  });

  it('refuses a port held by another process, naming the port', async () => {
    const foreign = await new LocalRedisServer({ dataDir: join(dir, 'elsewhere') }).start();
    servers.push(foreign);
    await expect(server({ port: foreign.port }).start()).rejects.toThrow(new RegExp(`port ${foreign.port} is taken`));
    expect(await command(foreign, 'PING')).toContain('PONG'); // left alone
  });

  it("refuses Redis data that carries another data folder's identity", async () => {
    const first = await server({ identity: 'folder-a' }).start();
    await first.stop();
    const refused = server({ identity: 'folder-b' });
    await expect(refused.start()).rejects.toThrow(/holds the data of another data folder/);
    // A failed start leaves no redis-server behind.
    await expect(command(refused.port, 'PING', 500)).rejects.toThrow();
    expect(refused.pid).toBeUndefined();
    expect(await server({ identity: 'folder-a' }).start()).toBeDefined();
  });

  it('restarts its child when it dies, on the same port, keeping the data', async () => {
    const redis = await server({ supervise: true }).start();
    await command(redis, 'SET kept yes');
    await command(redis, 'BGREWRITEAOF');
    await new Promise((r) => setTimeout(r, 1100));
    const first = redis.pid!;
    process.kill(first, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (redis.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(redis.restarts).toBe(1);
    expect(redis.pid).not.toBe(first);
    expect(await command(redis, 'GET kept')).toContain('yes');
  });

  it('is stopped when its process exits, even through process.exit', async () => {
    const script = `
      const { LocalRedisServer } = require(${JSON.stringify(join(__dirname, 'local-redis-server.ts'))});
      new LocalRedisServer({ dataDir: ${JSON.stringify(join(dir, 'redis'))} }).start().then((r) => {
        console.log(r.pid);
        process.exit(0);
      });`;
    const out = execFileSync(process.execPath, ['-r', join(__dirname, '../../../bench/register.js'), '-e', script], {
      encoding: 'utf8',
    });
    const pid = Number(out.trim());
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

describe('waiting for the embedded redis-server at start-up', () => {
  it('waits out a load of the append-only file longer than its stall limit, for as long as loading progresses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-redis-loading-'));
    const port = await freePort();
    const args = ['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--logfile', ''];
    let first = spawn('redis-server', args, { stdio: 'ignore' });
    try {
      await waitForRedis(port);
      const client = new Redis({ port });
      const pipeline = client.pipeline();
      for (let i = 0; i < 20_000; i++) pipeline.set(`goal:${i}`, 'x'.repeat(100));
      await pipeline.exec();
      client.disconnect();
      first.kill('SIGTERM'); // flushes the append-only file
      await new Promise((r) => first.once('exit', r));
      // 150 µs a key: about 3 s of loading, answered LOADING meanwhile, against a 1 s stall limit.
      first = spawn(
        'redis-server',
        [...args, '--key-load-delay', '150', '--loading-process-events-interval-bytes', '1024'],
        { stdio: 'ignore' },
      );
      const started = Date.now();
      let sawLoading = false;
      const watch = setInterval(
        () =>
          void command(port, 'PING', 500).then(
            (a) => (sawLoading ||= a.startsWith('-LOADING')),
            () => undefined,
          ),
        100,
      );
      await waitForRedis(port, { stallMs: 1000 }).finally(() => clearInterval(watch));
      expect(sawLoading).toBe(true);
      expect(Date.now() - started).toBeGreaterThan(1000);
      expect(await command(port, 'DBSIZE')).toContain(':20000');
    } finally {
      first.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives up, saying so, when a Redis answers LOADING without loading any further', async () => {
    // A server stuck at the same byte: what a hung load looks like from outside.
    const stuck = createServer((socket) =>
      socket.on('data', (d) => {
        const line = d.toString();
        if (line.startsWith('INFO')) {
          const body = 'loading:1\r\nloading_loaded_bytes:4096\r\n';
          socket.write(`$${body.length}\r\n${body}\r\n`);
        } else socket.write('-LOADING Redis is loading the dataset in memory\r\n');
      }),
    );
    await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r));
    try {
      const port = (stuck.address() as AddressInfo).port;
      await expect(waitForRedis(port, { stallMs: 500 })).rejects.toThrow(/stopped loading its data \(4096 bytes/);
    } finally {
      stuck.close();
    }
  });
});
