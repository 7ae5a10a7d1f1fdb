import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const root = join(__dirname, '../../../..');

describe('configuration from the environment', () => {
  it('runs on the embedded default with nothing set', () => {
    const config = loadConfig({}, root);
    expect(config).toMatchObject({ mode: 'embedded', port: 3000, eventStore: { kind: 'sqlite' }, runWorker: true, redisUrl: undefined });
    expect(config.eventStore.kind === 'sqlite' && config.eventStore.file).toBe(join(root, 'data', 'events.sqlite'));
    expect(config.directory.departments[0].name).toBe('市民生活部');
    expect(config.reminders.settings.deadlineDaysBefore).toEqual([30, 7]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'esdb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ APP_MODE: 'production', REDIS_URL: 'redis://r:6379' }, 'JWT_JWKS_URL'],
    [{ APP_MODE: 'production', JWT_JWKS_URL: 'https://idp/jwks' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ DIRECTORY_FILE: '/nonexistent/directory.json' }, 'DIRECTORY_FILE'],
    [{ REMINDER_DEADLINE_DAYS_BEFORE: '30,soon' }, 'REMINDER_DEADLINE_DAYS_BEFORE'],
    [{ SMTP_HOST: 'mail.city.example' }, 'SMTP_FROM'],
    [{ RUN_WORKER: 'yes' }, 'RUN_WORKER'],
  ])('refuses %j, naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env, root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('refuses kurrentdb:// at start-up, saying why and what to write instead', () => {
    // @eventstore/db-client 6.2.1 throws on it only when the first call is made; refused here instead.
    expect(() => loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb+discover://a:2113,b:2113' }, root)).toThrow(
      /EVENTSTORE_CONNECTION_STRING uses the kurrentdb:\/\/ scheme, .* esdb:\/\//,
    );
    expect(loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113' }, root).eventStore).toEqual({
      kind: 'esdb',
      connectionString: 'esdb+discover://a:2113,b:2113',
    });
  });

  it('stops the service at start-up with that message and no stack trace', () => {
    const run = spawnSync(process.execPath, ['-r', './bench/register.js', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { ...process.env, EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('invalid configuration: EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string when EVENT_STORE=esdb');
  });
});
