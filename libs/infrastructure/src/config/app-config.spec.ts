import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const root = join(__dirname, '../../../..');

describe('configuration from the environment', () => {
  it('runs on the embedded default with nothing set', () => {
    const config = loadConfig({}, root);
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      eventStore: { kind: 'sqlite' },
      runWorker: true,
      redisUrl: undefined,
    });
    expect(config.eventStore.kind === 'sqlite' && config.eventStore.file).toBe(join(root, 'data', 'events.sqlite'));
    expect(config.directory.departments[0].name).toBe('市民生活部');
    expect(config.reminders.settings.deadlineDaysBefore).toEqual([30, 7]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'esdb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [
      { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false' },
      'EVENTSTORE_CONNECTION_STRING',
    ],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ APP_MODE: 'production', REDIS_URL: 'redis://r:6379' }, 'JWT_JWKS_URL'],
    [{ APP_MODE: 'production', JWT_JWKS_URL: 'https://idp/jwks' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ DIRECTORY_FILE: '/nonexistent/directory.json' }, 'DIRECTORY_FILE'],
    [{ REMINDER_DEADLINE_DAYS_BEFORE: '30,soon' }, 'REMINDER_DEADLINE_DAYS_BEFORE'],
    [{ SMTP_HOST: 'mail.city.example' }, 'SMTP_FROM'],
    [{ RUN_WORKER: 'yes' }, 'RUN_WORKER'],
    [{ OVERVIEW_RECORD_READS: 'yes' }, 'OVERVIEW_RECORD_READS'],
    [{ OVERVIEW_ACHIEVED_LEVELS: '0' }, 'OVERVIEW_ACHIEVED_LEVELS'],
    [{ AUTH_METHODS: 'local,saml' }, 'AUTH_METHODS'],
    [{ AUTH_METHODS: ',' }, 'AUTH_METHODS'],
    [{ AUTH_METHODS: 'oidc' }, 'OIDC_ISSUER_URL'],
    [{ AUTH_METHODS: 'oidc', OIDC_ISSUER_URL: 'https://idp.city.example' }, 'OIDC_CLIENT_ID'],
    [
      { AUTH_METHODS: 'oidc', OIDC_ISSUER_URL: 'https://idp.city.example/realms/city', OIDC_CLIENT_ID: 'goal-sheet' },
      'OIDC_CLIENT_SECRET',
    ],
    [
      {
        AUTH_METHODS: 'oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: 's',
        OIDC_PRIVATE_KEY_FILE: 'k.pem',
      },
      'OIDC_CLIENT_SECRET',
    ],
    [
      {
        AUTH_METHODS: 'oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_PRIVATE_KEY_FILE: '/nonexistent/key.pem',
      },
      'OIDC_PRIVATE_KEY_FILE',
    ],
    [
      {
        AUTH_METHODS: 'oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: 's',
      },
      'PUBLIC_URL',
    ],
    [
      {
        AUTH_METHODS: 'oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: 's',
        PUBLIC_URL: 'https://goals.city.example',
        OIDC_PERSON_CLAIM: 'a b',
      },
      'OIDC_PERSON_CLAIM',
    ],
    [
      {
        AUTH_METHODS: 'oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: 's',
        PUBLIC_URL: 'https://goals.city.example',
        OIDC_PERSON_MATCH: 'phone',
      },
      'OIDC_PERSON_MATCH',
    ],
    [{ PUBLIC_URL: 'goals.city.example' }, 'PUBLIC_URL'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ SESSION_ABSOLUTE_HOURS: 'forever' }, 'SESSION_ABSOLUTE_HOURS'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES'],
    [{ TRUST_PROXY: 'the load balancer' }, 'TRUST_PROXY'],
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

  it("records the planning office's reads only when the city asks, and counts the top two levels as achieved", () => {
    expect(loadConfig({}, root).overview).toEqual({ recordPlanningReads: false, achievedLevels: 2 });
    expect(loadConfig({ OVERVIEW_RECORD_READS: 'true', OVERVIEW_ACHIEVED_LEVELS: '1' }, root).overview).toEqual({
      recordPlanningReads: true,
      achievedLevels: 1,
    });
  });

  it('signs people in with local accounts by default, and with both methods when asked', () => {
    expect(loadConfig({}, root).auth).toMatchObject({
      methods: { local: true, oidc: false },
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      secureCookies: false,
      maxFailuresPerLogin: 5,
      lockoutMinutes: 15,
    });
    const both = loadConfig(
      {
        AUTH_METHODS: 'local,oidc',
        OIDC_ISSUER_URL: 'https://idp.city.example/realms/city',
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: 'secret',
        PUBLIC_URL: 'https://goals.city.example/',
        OIDC_PERSON_CLAIM: 'email',
      },
      root,
    ).auth;
    expect(both.methods).toEqual({ local: true, oidc: true });
    expect(both.publicUrl).toBe('https://goals.city.example');
    expect(both.oidc).toMatchObject({ personClaim: 'email', matchBy: 'email', scopes: 'openid profile email' });
    expect(
      loadConfig({ APP_MODE: 'production', REDIS_URL: 'redis://r:6379', JWT_JWKS_URL: 'https://idp/jwks' }, root).auth
        .secureCookies,
    ).toBe(true);
  });

  it('refuses kurrentdb:// at start-up, saying why and what to write instead', () => {
    // @eventstore/db-client 6.2.1 throws on it only when the first call is made; refused here instead.
    expect(() =>
      loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb+discover://a:2113,b:2113' }, root),
    ).toThrow(/EVENTSTORE_CONNECTION_STRING uses the kurrentdb:\/\/ scheme, .* esdb:\/\//);
    expect(
      loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113' }, root)
        .eventStore,
    ).toEqual({
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
    expect(run.stderr.trim()).toBe(
      'invalid configuration: EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string when EVENT_STORE=esdb',
    );
  });
});
