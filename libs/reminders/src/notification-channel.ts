import { createTransport, Transporter } from 'nodemailer';
import { ReminderMessage } from './reminder-message';
import { SmtpOptions } from './reminders.options';

/** One way of telling people. `send` resolves false when it had nobody to tell (nothing was sent). */
export interface NotificationChannel {
  readonly name: string;
  send(message: ReminderMessage): Promise<boolean>;
  close?(): Promise<void> | void;
}

export class EmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly transport: Transporter;

  constructor(private readonly smtp: SmtpOptions) {
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: ReminderMessage): Promise<boolean> {
    const to = message.recipients.filter((r) => r.email).map((r) => ({ name: r.name, address: r.email! }));
    if (to.length === 0) return false;
    await this.transport.sendMail({
      from: this.smtp.from,
      to,
      subject: message.subject,
      text: message.text,
      // Keeps the reminder's id findable in a mail archive, and lets a receiving system de-duplicate.
      headers: { 'X-Reminder-Id': message.reminder.id },
    });
    return true;
  }

  close(): void {
    this.transport.close();
  }
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
