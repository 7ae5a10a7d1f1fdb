/** A real HTTP server on loopback standing in for a chat tool's incoming webhook. */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export class WebhookSink {
  /** Bodies of the POSTs it accepted (answered 200). */
  readonly accepted: Record<string, unknown>[] = [];
  /** How many requests it refused with 500. */
  refused = 0;
  /** While true, every request is answered 500, as a chat tool down for maintenance would. */
  failing = false;
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/reminders`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.failing || req.method !== 'POST') {
          this.refused += 1;
          res.writeHead(500).end('maintenance');
          return;
        }
        this.accepted.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
