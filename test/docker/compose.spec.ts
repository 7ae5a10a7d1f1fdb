/**
 * docker/compose.yaml is how a department runs the service on EventStoreDB. Its promises are
 * checked here on the parsed file, and by the real compose parser below.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

const composeFile = join(__dirname, '..', '..', 'docker', 'compose.yaml');

interface Service {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: string | number };
  ports?: string[];
  stop_grace_period?: string;
}
// Compose resolves YAML merge keys (`<<: *anchor`); so must the parser here.
const compose = load(readFileSync(composeFile, 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

describe('docker/compose.yaml', () => {
  it('runs one EventStoreDB node by default and three more under the cluster profile', () => {
    const byDefault = Object.entries(services)
      .filter(([, s]) => !s.profiles)
      .map(([name]) => name);
    expect(byDefault.sort()).toEqual(['api', 'eventstore', 'redis', 'worker']);
    const cluster = Object.entries(services).filter(([, s]) => s.profiles?.includes('cluster'));
    expect(cluster.map(([name]) => name)).toEqual(['esdb-node1', 'esdb-node2', 'esdb-node3']);
    for (const [name, node] of cluster) {
      expect(node.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '3' });
      expect(node.environment!.EVENTSTORE_GOSSIP_SEED.split(',')).toHaveLength(2);
      expect(node.environment!.EVENTSTORE_GOSSIP_SEED).not.toContain(name);
    }
    expect(services.eventstore.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '1' });
  });

  it('runs Redis with appendonly and noeviction, as BullMQ requires', () => {
    const command = services.redis.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('starts the api and the worker on EventStoreDB and Redis, each with a health check and persistent data', () => {
    expect(services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    for (const app of [services.api, services.worker]) {
      expect(app.environment).toMatchObject({ EVENT_STORE: 'esdb', REDIS_URL: 'redis://redis:6379' });
      expect(app.environment!.EVENTSTORE_CONNECTION_STRING).toMatch(/esdb:\/\/eventstore:2113\?tls=false/);
      expect(app.depends_on).toMatchObject({
        eventstore: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    for (const [name, service] of Object.entries(services)) {
      expect([name, Array.isArray(service.healthcheck?.test)]).toEqual([name, true]);
    }
    for (const volume of ['eventstore-data', 'redis-data', 'esdb-node1-data', 'esdb-node2-data', 'esdb-node3-data']) {
      expect(compose.volumes).toHaveProperty([volume]);
    }
  });
});

describe('several instances', () => {
  it('runs api and worker replicas, one host port per api replica, and stops them within the grace period', () => {
    const replicas = (s: Service) =>
      Number(/^\$\{\w+:-(\d+)\}$/.exec(String(s.deploy?.replicas))?.[1] ?? s.deploy?.replicas);
    expect(replicas(services.api)).toBeGreaterThanOrEqual(2);
    expect(replicas(services.worker)).toBeGreaterThanOrEqual(2);
    const [, from, to] = /-(\d+)-(\d+)\}:3000$/.exec(services.api.ports![0])!;
    expect(Number(to) - Number(from) + 1).toBe(replicas(services.api));
    for (const app of [services.api, services.worker]) {
      const shutdownMs = Number(/:-(\d+)\}/.exec(app.environment!.SHUTDOWN_TIMEOUT_MS)![1]);
      expect(shutdownMs).toBeLessThan(Number(/^(\d+)s$/.exec(app.stop_grace_period!)![1]) * 1000);
      expect(app.environment!.LEASE_TTL_MS).toBeDefined();
    }
  });
});

/**
 * The compose file is also read by the real compose parser: the v2 plugin (`docker compose`) where
 * it is installed, else Debian's docker-compose 1.29, which scripts/setup.sh installs. Neither
 * needs an engine to run `config`.
 */
function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose'];
  return ['docker-compose'];
}

describe('docker compose config', () => {
  const [command, ...prefix] = composeCommand();
  it.each([[[] as string[]], [['--profile', 'cluster']]])('accepts the file with %j', (profile) => {
    const result = spawnSync(command, [...prefix, '-f', composeFile, ...profile, 'config', '-q'], { encoding: 'utf8' });
    expect({ command, error: result.error?.message, status: result.status, stderr: result.stderr }).toEqual({
      command,
      error: undefined,
      status: 0,
      stderr: '',
    });
  });
});
