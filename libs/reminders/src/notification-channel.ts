import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { lazyRequire } from '@goals/platform';
import { ReminderMessage } from './reminder-message';
import { SmtpOptions } from './reminders.options';

/**
 * The channel cannot tell whether the message went out: the connection was up, then the server's
 * answer never came (a timeout, a dropped connection). Sending again blindly may send it twice, so
 * the reminder waits for an administrator instead of an automatic retry.
 */
export class DeliveryUnknown extends Error {
  constructor(
    readonly channel: string,
    cause: Error,
  ) {
    super(
      `delivery unknown through ${channel}: ${cause.message} (the server may have accepted it; an admin may retry it)`,
    );
    this.name = 'DeliveryUnknown';
  }
}

/** One way of telling people. `send` resolves false when it had nobody to tell (nothing was sent). */
export interface NotificationChannel {
  readonly name: string;
  send(message: ReminderMessage): Promise<boolean>;
  close?(): Promise<void> | void;
}

const nodemailer = lazyRequire<typeof Nodemailer>('nodemailer');

export class EmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly transport: Transporter;

  constructor(private readonly smtp: SmtpOptions) {
    this.transport = nodemailer().createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: smtp.timeoutMs ?? 30_000,
    });
  }

  async send(message: ReminderMessage): Promise<boolean> {
    const to = message.recipients.filter((r) => r.email).map((r) => ({ name: r.name, address: r.email! }));
    if (to.length === 0) return false;
    try {
      await this.transport.sendMail({
        from: this.smtp.from,
        to,
        subject: message.subject,
        text: message.text,
        // The same for every attempt at one reminder (goal, kind, due date): mail servers and clients
        // that de-duplicate by Message-ID show a resent reminder once.
        messageId: reminderMessageId(message.reminder.id, this.smtp.from),
        // Keeps the reminder's id findable in a mail archive, and lets a receiving system de-duplicate.
        headers: { 'X-Reminder-Id': message.reminder.id },
      });
    } catch (error) {
      throw deliveryMayHaveHappened(error) ? new DeliveryUnknown(this.name, error as Error) : error;
    }
    return true;
  }

  close(): void {
    this.transport.close();
  }
}

/** `<reminder.ID@domain of From>`: one Message-ID per reminder, whatever the attempt. */
export function reminderMessageId(reminderId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'goal-sheet.invalid';
  return `<reminder.${reminderId.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

/**
 * Once the session is up, a missing answer (a timeout, a dropped connection) leaves it open whether
 * the server took the message; a refused connect, a greeting that never came or an SMTP error reply
 * mean it did not.
 */
function deliveryMayHaveHappened(error: unknown): boolean {
  const e = error as {
    code?: string;
    timeoutType?: string;
    originalCode?: string;
    responseCode?: number;
    message?: string;
  };
  if (typeof e?.responseCode === 'number') return false;
  if (e?.code === 'ETIMEDOUT') return e.timeoutType === 'SOCKET_TIMEOUT';
  if (e?.code === 'ECONNECTION') return /closed unexpectedly/i.test(e.message ?? '');
  if (e?.code === 'ESOCKET') return e.originalCode === 'ECONNRESET' || e.originalCode === 'EPIPE';
  return false;
}

export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: ReminderMessage): Promise<boolean> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-reminder-id': message.reminder.id },
      body: JSON.stringify(message.webhook),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Drain the body so the connection is reused or closed, whatever the answer.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered ${response.status} ${response.statusText}`);
    return true;
  }
}
