/**
 * All configuration, read from the environment in this one place and validated at start-up:
 * an invalid value stops the service with a message that names the variable.
 */
import { createPrivateKey, JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_REMINDER_SETTINGS, Directory, ReminderSettings, validateDirectory } from '@goals/domain';

export type AppMode = 'embedded' | 'production';

export interface AppConfig {
  mode: AppMode;
  host: string;
  port: number;
  dataDir: string;
  eventStore: { kind: 'sqlite'; file: string } | { kind: 'esdb'; connectionString: string };
  /** Unset on the embedded default: a local redis-server is started under dataDir. */
  redisUrl?: string;
  /** Run the projector and the reminders in this process too (the embedded single process). */
  runWorker: boolean;
  /** Port of the embedded redis-server (0: any free port, as tests use). */
  embeddedRedisPort: number;
  jwt: {
    issuer: string;
    audience: string;
    /** Production: the issuer's key set. */
    jwksUrl?: string;
    /** Embedded: a shared secret (from JWT_SECRET, or generated once under dataDir). */
    secretFile: string;
    secret?: string;
    /** A bearer token meant to live longer than this is refused (hours; a leaked one must expire soon). */
    maxLifetimeHours: number;
  };
  directoryFile: string;
  directory: Directory;
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimit: number;
  /**
   * What reading one imported .xlsx may cost: its worker thread is ended after timeoutMs or past
   * memoryMb of heap, and the import answers 413 (IMPORT_XLSX_TIMEOUT_MS, IMPORT_XLSX_MEMORY_MB).
   */
  workbookBudget: { timeoutMs: number; memoryMb: number };
  reminders: {
    queueName: string;
    keyPrefix: string;
    /** Unset: no e-mail. */
    smtp?: {
      host: string;
      port: number;
      secure: boolean;
      user?: string;
      password?: string;
      from: string;
      timeoutMs: number;
    };
    /** Unset: no webhook. */
    webhookUrl?: string;
    settings: ReminderSettings;
    attempts: number;
    backoffMs: number;
    concurrency: number;
    lockMs: number;
    rebuildOnStart: boolean;
  };
  /** Requests one caller (token, or address without one) may make per minute (429 above it). */
  rateLimitPerMinute: number;
  /** A Redis command on the request path fails after this long (the request answers 503). */
  redisCommandTimeoutMs: number;
  /** SIGTERM/SIGINT: the process exits after this long even if something does not close. */
  shutdownTimeoutMs: number;
  /** Lifetime of the projector's and the reminder scheduler's leases: a dead holder is replaced after it. */
  leaseTtlMs: number;
  /**
   * DISK_RESERVE_BYTES: room kept back under DATA_DIR, given up so a reminder that went out is
   * recorded on a disk that filled meanwhile (0: none; the default keeps 8 MB when the event store
   * is the SQLite file under DATA_DIR, none otherwise).
   */
  diskReserveBytes: number;
  /**
   * Behind a reverse proxy, which X-Forwarded-For hops to believe (false: none), so a caller's
   * address (rate limit, sign-in lockout, security events) is theirs and not the proxy's.
   */
  trustProxy: boolean | number | string;
  auth: AuthConfig;
  audit: {
    /**
     * VERIFY_FULL_EVENTS_PER_SECOND: the background full re-verification reads at most this many
     * events a second (0: as fast as the store gives them), leaving the disk to the people working.
     */
    fullVerifyEventsPerSecond: number;
  };
  /** 全庁の状況 and the planning office's post (企画担当). */
  overview: {
    /**
     * OVERVIEW_RECORD_READS: the audit trail records each sheet, goal and overview the 企画担当
     * opened (some cities ask for it: the office reads every department's work).
     */
    recordPlanningReads: boolean;
    /** OVERVIEW_ACHIEVED_LEVELS: how many of the year's best levels count as achieved in the 達成率 (2: the top two). */
    achievedLevels: number;
  };
  /** PUBLICATION_FONT: the Japanese font embedded in published PDFs; unset, the Debian packages' paths are tried. */
  publicationFont?: string;
}

/** How people sign in: local accounts (password), the city's OpenID provider, or both. */
export interface AuthConfig {
  methods: { local: boolean; oidc: boolean };
  /** A session unused this long ends (minutes). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in whatever its use (hours). */
  sessionAbsoluteHours: number;
  /** Secure cookies (and the __Host- prefix): production mode, where the service sits behind HTTPS. */
  secureCookies: boolean;
  /** Failed sign-ins for one login id before it is locked for lockoutMinutes. */
  maxFailuresPerLogin: number;
  /** Failed sign-ins from one address before it is locked for lockoutMinutes. */
  maxFailuresPerAddress: number;
  lockoutMinutes: number;
  /** How long a one-time set-password link stays valid (hours). */
  setPasswordLinkHours: number;
  /** Where the service is reached from browsers, for links and the OpenID redirect (no trailing slash). */
  publicUrl?: string;
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  /** client_secret_basic; unset when privateKeyFile is used (private_key_jwt). */
  clientSecret?: string;
  /** A PEM or JWK file with the key for private_key_jwt. */
  privateKeyFile?: string;
  /** Which claim names the person, and what it is matched against in the directory. */
  personClaim: string;
  matchBy: 'loginId' | 'email' | 'employeeNumber';
  scopes: string;
}

export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const path = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const mode = oneOf(env, 'APP_MODE', ['embedded', 'production'], 'embedded');
  const dataDir = path(env.DATA_DIR || './data');
  const storeKind = oneOf(env, 'EVENT_STORE', ['sqlite', 'esdb'], 'sqlite');
  let eventStore: AppConfig['eventStore'];
  if (storeKind === 'esdb') {
    const connectionString = env.EVENTSTORE_CONNECTION_STRING;
    if (connectionString && /^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//.test(connectionString))
      throw new ConfigError(
        'EVENTSTORE_CONNECTION_STRING',
        'uses the kurrentdb:// scheme, which @eventstore/db-client 6 (used here) does not understand: ' +
          'write the same address as esdb://… (or esdb+discover://… for a cluster)',
      );
    if (!connectionString || !/^esdb(\+discover)?:\/\//.test(connectionString))
      throw new ConfigError(
        'EVENTSTORE_CONNECTION_STRING',
        'must be an esdb:// connection string when EVENT_STORE=esdb',
      );
    eventStore = { kind: 'esdb', connectionString };
  } else {
    eventStore = { kind: 'sqlite', file: resolve(dataDir, 'events.sqlite') };
  }
  if (env.REDIS_URL !== undefined && env.REDIS_URL !== '' && !/^rediss?:\/\//.test(env.REDIS_URL))
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  if (mode === 'production' && !env.REDIS_URL) throw new ConfigError('REDIS_URL', 'is required in production mode');

  const jwksUrl = env.JWT_JWKS_URL || undefined;
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) throw new ConfigError('JWT_JWKS_URL', 'must be an http(s) URL');
  if (mode === 'production' && !jwksUrl) throw new ConfigError('JWT_JWKS_URL', 'is required in production mode');
  const secret = env.JWT_SECRET || undefined;
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');

  const directoryFile = path(env.DIRECTORY_FILE || 'config/directory.json');
  return {
    mode,
    host: env.HOST || (mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    eventStore,
    redisUrl: env.REDIS_URL || undefined,
    runWorker: oneOf(env, 'RUN_WORKER', ['true', 'false'], mode === 'embedded' ? 'true' : 'false') === 'true',
    embeddedRedisPort: integer(env, 'EMBEDDED_REDIS_PORT', 6390, 0, 65535),
    jwt: {
      issuer: env.JWT_ISSUER || 'goal-sheet-local',
      audience: env.JWT_AUDIENCE || 'goal-sheet-api',
      jwksUrl,
      secret,
      secretFile: resolve(dataDir, 'jwt-secret'),
      maxLifetimeHours: integer(env, 'TOKEN_MAX_HOURS', 12, 1, 24 * 30),
    },
    directoryFile,
    directory: loadDirectory(directoryFile),
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    workbookBudget: {
      timeoutMs: integer(env, 'IMPORT_XLSX_TIMEOUT_MS', 20_000, 100, 600_000),
      memoryMb: integer(env, 'IMPORT_XLSX_MEMORY_MB', 256, 16, 8192),
    },
    reminders: loadReminders(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 10_000_000),
    redisCommandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 2000, 50, 60_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    leaseTtlMs: integer(env, 'LEASE_TTL_MS', 10_000, 300, 600_000),
    diskReserveBytes: integer(
      env,
      'DISK_RESERVE_BYTES',
      eventStore.kind === 'sqlite' ? 8 * 1024 * 1024 : 0,
      0,
      1024 ** 3,
    ),
    trustProxy: trustProxy(env.TRUST_PROXY),
    ...(env.PUBLICATION_FONT ? { publicationFont: path(env.PUBLICATION_FONT) } : {}),
    auth: loadAuth(env, mode, path),
    audit: { fullVerifyEventsPerSecond: integer(env, 'VERIFY_FULL_EVENTS_PER_SECOND', 0, 0, 10_000_000) },
    overview: {
      recordPlanningReads: oneOf(env, 'OVERVIEW_RECORD_READS', ['true', 'false'], 'false') === 'true',
      achievedLevels: integer(env, 'OVERVIEW_ACHIEVED_LEVELS', 2, 1, 20),
    },
  };
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F.:/, ]+$/.test(value)) return value;
  throw new ConfigError(
    'TRUST_PROXY',
    'must be false, true, a number of proxy hops, or proxy addresses/CIDRs separated by commas',
  );
}

function loadAuth(env: NodeJS.ProcessEnv, mode: AppMode, path: (p: string) => string): AuthConfig {
  const listed = (env.AUTH_METHODS || 'local')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const unknown = listed.filter((m) => m !== 'local' && m !== 'oidc');
  if (unknown.length || listed.length === 0)
    throw new ConfigError(
      'AUTH_METHODS',
      `must list local and/or oidc, separated by commas (got "${env.AUTH_METHODS}")`,
    );
  const methods = { local: listed.includes('local'), oidc: listed.includes('oidc') };
  const publicUrl = (env.PUBLIC_URL || '').replace(/\/+$/, '') || undefined;
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl))
    throw new ConfigError('PUBLIC_URL', 'must be an http(s) URL such as https://goals.city.example');
  let oidc: OidcConfig | undefined;
  if (methods.oidc) {
    const issuerUrl = env.OIDC_ISSUER_URL || '';
    if (!/^https?:\/\//.test(issuerUrl))
      throw new ConfigError(
        'OIDC_ISSUER_URL',
        'must be the http(s) URL of the OpenID provider when AUTH_METHODS includes oidc',
      );
    if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID', 'is required when AUTH_METHODS includes oidc');
    if (!env.OIDC_CLIENT_SECRET === !env.OIDC_PRIVATE_KEY_FILE)
      throw new ConfigError('OIDC_CLIENT_SECRET', 'or OIDC_PRIVATE_KEY_FILE (private_key_jwt) is required, not both');
    if (env.OIDC_PRIVATE_KEY_FILE) {
      try {
        const text = readFileSync(path(env.OIDC_PRIVATE_KEY_FILE), 'utf8');
        createPrivateKey(text.trim().startsWith('{') ? { key: JSON.parse(text) as JsonWebKey, format: 'jwk' } : text);
      } catch (e) {
        throw new ConfigError(
          'OIDC_PRIVATE_KEY_FILE',
          `must be a readable private key (PEM or JWK): ${(e as Error).message}`,
        );
      }
    }
    if (!publicUrl)
      throw new ConfigError(
        'PUBLIC_URL',
        'is required when AUTH_METHODS includes oidc (the redirect URI is PUBLIC_URL/auth/oidc/callback)',
      );
    const personClaim = env.OIDC_PERSON_CLAIM || 'preferred_username';
    if (!/^[A-Za-z0-9_:.-]{1,100}$/.test(personClaim))
      throw new ConfigError(
        'OIDC_PERSON_CLAIM',
        'must be a claim name such as preferred_username, email or employee_number',
      );
    const matchBy = oneOf(
      env,
      'OIDC_PERSON_MATCH',
      ['loginId', 'email', 'employeeNumber'],
      personClaim === 'email' ? 'email' : 'loginId',
    );
    oidc = {
      issuerUrl,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      privateKeyFile: env.OIDC_PRIVATE_KEY_FILE ? path(env.OIDC_PRIVATE_KEY_FILE) : undefined,
      personClaim,
      matchBy,
      scopes: env.OIDC_SCOPES || 'openid profile email',
    };
  }
  return {
    methods,
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    secureCookies: mode === 'production',
    maxFailuresPerLogin: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    maxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
    lockoutMinutes: integer(env, 'LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    setPasswordLinkHours: integer(env, 'SET_PASSWORD_LINK_HOURS', 24, 1, 24 * 14),
    publicUrl,
    oidc,
  };
}

function loadReminders(env: NodeJS.ProcessEnv): AppConfig['reminders'] {
  const d = DEFAULT_REMINDER_SETTINGS;
  const days = env.REMINDER_DEADLINE_DAYS_BEFORE;
  const deadlineDaysBefore =
    days === undefined || days === '' ? d.deadlineDaysBefore : days.split(',').map((x) => Number(x.trim()));
  if (!deadlineDaysBefore.every((n) => Number.isInteger(n) && n >= 1 && n <= 365))
    throw new ConfigError(
      'REMINDER_DEADLINE_DAYS_BEFORE',
      'must be whole numbers of days from 1 to 365, separated by commas (e.g. 30,7)',
    );
  const webhookUrl = env.REMINDER_WEBHOOK_URL || undefined;
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl))
    throw new ConfigError('REMINDER_WEBHOOK_URL', 'must be an http(s) URL');
  let smtp: AppConfig['reminders']['smtp'];
  if (env.SMTP_HOST) {
    if (!env.SMTP_FROM)
      throw new ConfigError('SMTP_FROM', 'is required when SMTP_HOST is set (the From: of reminders)');
    smtp = {
      host: env.SMTP_HOST,
      port: integer(env, 'SMTP_PORT', 587, 1, 65535),
      secure: oneOf(env, 'SMTP_SECURE', ['true', 'false'], 'false') === 'true',
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
      from: env.SMTP_FROM,
      timeoutMs: integer(env, 'SMTP_TIMEOUT_MS', 30_000, 100, 600_000),
    };
  }
  return {
    queueName: env.REMINDER_QUEUE || 'reminders',
    keyPrefix: env.REMINDER_KEY_PREFIX || 'goals',
    smtp,
    webhookUrl,
    settings: {
      deadlineDaysBefore,
      overdueDaysAfter: integer(env, 'REMINDER_OVERDUE_DAYS_AFTER', d.overdueDaysAfter, 0, 365),
      pendingApprovalEveryDays: integer(
        env,
        'REMINDER_PENDING_APPROVAL_EVERY_DAYS',
        d.pendingApprovalEveryDays,
        1,
        365,
      ),
      yearEndDaysAfter: integer(env, 'REMINDER_YEAR_END_DAYS_AFTER', d.yearEndDaysAfter, 0, 365),
      sendAtHourJst: integer(env, 'REMINDER_SEND_AT_HOUR_JST', d.sendAtHourJst, 0, 23),
    },
    attempts: integer(env, 'REMINDER_ATTEMPTS', 5, 1, 100),
    backoffMs: integer(env, 'REMINDER_BACKOFF_MS', 30_000, 10, 86_400_000),
    concurrency: integer(env, 'REMINDER_CONCURRENCY', 5, 1, 1000),
    lockMs: integer(env, 'REMINDER_LOCK_MS', 30_000, 1000, 600_000),
    rebuildOnStart: oneOf(env, 'REMINDER_REBUILD_ON_START', ['true', 'false'], 'true') === 'true',
  };
}

export function loadDirectory(file: string): Directory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError('DIRECTORY_FILE', `cannot be read as JSON (${file}): ${(e as Error).message}`);
  }
  const errors = validateDirectory(parsed);
  if (errors.length)
    throw new ConfigError(
      'DIRECTORY_FILE',
      `(${file}) is invalid: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`,
    );
  return parsed as Directory;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T))
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
  return n;
}
