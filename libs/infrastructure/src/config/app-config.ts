/**
 * All configuration, read from the environment in this one place and validated at start-up:
 * an invalid value stops the service with a message that names the variable.
 */
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
  };
  directoryFile: string;
  directory: Directory;
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimit: number;
  reminders: {
    queueName: string;
    keyPrefix: string;
    /** Unset: no e-mail. */
    smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string; timeoutMs: number };
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
}

export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
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
      throw new ConfigError('EVENTSTORE_CONNECTION_STRING', 'must be an esdb:// connection string when EVENT_STORE=esdb');
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
    },
    directoryFile,
    directory: loadDirectory(directoryFile),
    bodyLimit: integer(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    reminders: loadReminders(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 10_000_000),
    redisCommandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 2000, 50, 60_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    leaseTtlMs: integer(env, 'LEASE_TTL_MS', 10_000, 300, 600_000),
  };
}

function loadReminders(env: NodeJS.ProcessEnv): AppConfig['reminders'] {
  const d = DEFAULT_REMINDER_SETTINGS;
  const days = env.REMINDER_DEADLINE_DAYS_BEFORE;
  const deadlineDaysBefore =
    days === undefined || days === '' ? d.deadlineDaysBefore : days.split(',').map((x) => Number(x.trim()));
  if (!deadlineDaysBefore.every((n) => Number.isInteger(n) && n >= 1 && n <= 365))
    throw new ConfigError('REMINDER_DEADLINE_DAYS_BEFORE', 'must be whole numbers of days from 1 to 365, separated by commas (e.g. 30,7)');
  const webhookUrl = env.REMINDER_WEBHOOK_URL || undefined;
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl)) throw new ConfigError('REMINDER_WEBHOOK_URL', 'must be an http(s) URL');
  let smtp: AppConfig['reminders']['smtp'];
  if (env.SMTP_HOST) {
    if (!env.SMTP_FROM) throw new ConfigError('SMTP_FROM', 'is required when SMTP_HOST is set (the From: of reminders)');
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
      pendingApprovalEveryDays: integer(env, 'REMINDER_PENDING_APPROVAL_EVERY_DAYS', d.pendingApprovalEveryDays, 1, 365),
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
    throw new ConfigError('DIRECTORY_FILE', `(${file}) is invalid: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`);
  return parsed as Directory;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
  return n;
}
