import { ReminderSettings } from '@goals/domain';
import { DiskReserve } from '@goals/platform';

/** Where the service runs: production refuses an unsafe Redis, the embedded default only warns. */
export type RedisMode = 'production' | 'embedded';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  user?: string;
  password?: string;
  /** The From: header, e.g. '"目標管理システム" <goals@city.example>'. */
  from: string;
  /**
   * How long the server may take to answer one step (default 30 s). A reply to the end of the
   * message that does not come in time makes the delivery "unknown", not failed.
   */
  timeoutMs?: number;
}

export interface RemindersOptions {
  redisUrl: string;
  redisMode: RedisMode;
  /** BullMQ queue name; tests use a fresh one each. */
  queueName: string;
  /** Prefix of every Redis key of the queue and of the scheduler's checkpoint. */
  keyPrefix: string;
  settings: ReminderSettings;
  /** Unset: no e-mail. */
  smtp?: SmtpOptions;
  /** Unset: no webhook. */
  webhookUrl?: string;
  /** Delivery attempts before a job is kept as failed (default 5). */
  attempts?: number;
  /** First retry delay; doubles with every attempt (default 30 s). */
  backoffMs?: number;
  /** Jobs delivered at once by one worker (default 5). */
  concurrency?: number;
  /** Lock on a delivery in progress; one whose process died is taken over after it (default 30 s). */
  lockMs?: number;
  /**
   * Rebuild the whole schedule from the events when the scheduler starts and finds no checkpoint, or
   * one made under other settings or policy (default true); false: always follow from the checkpoint.
   */
  rebuildOnStart?: boolean;
  /** Lifetime of the lease that keeps one scheduler active among all processes (default 10 s). */
  leaseTtlMs?: number;
  /** Room kept back on the data disk, given up so a delivery is recorded on a disk that filled meanwhile. */
  diskReserve?: DiskReserve;
}

/** The slice of NestJS's Logger the reminders use, so the lib runs with or without Nest. */
export interface ReminderLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: ReminderLogger = {
  log: (m) => console.log(`[reminders] ${m}`),
  warn: (m) => console.warn(`[reminders] ${m}`),
  error: (m) => console.error(`[reminders] ${m}`),
};
