/**
 * The real HTTP app on a temporary data folder, listening on a loopback port, with real tokens.
 * Tests talk to it with fetch, as any client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { Clock } from '@goals/platform';
import { mintToken } from '../../apps/api/src/auth/token-keys';
import { createApp } from '../../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '@goals/infrastructure';

export interface AppHarness {
  baseUrl: string;
  config: AppConfig;
  store: EventStore;
  app: NestFastifyApplication;
  token(userId: string): Promise<string>;
  /** fetch against /api/v1 with a user's token (or none) and a JSON body. */
  call(userId: string | null, method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is: a Uint8Array carries bytes that are not valid UTF-8. */
  rawBody?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Reads go through read models that follow the events a moment later: poll a GET until it shows
 * what the test expects, with a deadline, instead of sleeping.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) return value; // let the test's own assertion say what differs
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startApp(env: Record<string, string> = {}, clock?: Clock): Promise<AppHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'goal-sheet-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', EMBEDDED_REDIS_PORT: '0', ...env });
  const app = await createApp({ config, clock, logger: false });
  // Port 0 (any free one) unless the test chose one: an OpenID provider must know the callback URL beforehand.
  await app.listen({ port: config.port, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const store = app.get<EventStore>(EVENT_STORE);
  const tokens = new Map<string, string>();
  const token = async (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, await mintToken(config, userId));
    return tokens.get(userId)!;
  };
  return {
    baseUrl,
    config,
    store,
    app,
    token,
    async call(userId, method, path, options = {}) {
      // The API answers in Japanese by default; the tests written before it read the English texts.
      const headers: Record<string, string> = { 'accept-language': 'en', ...options.headers };
      if (userId) headers.authorization = `Bearer ${await token(userId)}`;
      let body: string | Uint8Array | undefined;
      if (options.rawBody !== undefined) {
        body = options.rawBody;
        headers['content-type'] = options.contentType ?? 'application/json';
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(
        `${baseUrl}${path.startsWith('/health') || path.startsWith('/docs') ? '' : '/api/v1'}${path}`,
        {
          method,
          headers,
          body,
        },
      );
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async eventCount() {
      return (await store.readAll()).length;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
