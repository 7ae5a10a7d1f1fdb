import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * When the last request left: the server starts a session's idle time again at every request, so
 * the browser can tell when the session will end without asking (lib/session.tsx).
 */
let lastRequestAt = Date.now();
export function lastRequestTime(): number {
  return lastRequestAt;
}

/** The CSRF token from /me, sent on every write made with the session cookie. */
let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** A problem+json answer (RFC 9457) as the api sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; reason: string }>;
  currentRevision?: number;
}

/** Thrown for any answer that is not 2xx; `network` when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly network = false,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/**
 * Signed out (in another tab) or the session expired: the server's sign-in page brings the person
 * back here. What they typed is in the browser's draft store already (lib/drafts.ts), and the form
 * offers it back when they return.
 */
function signInAgain(): void {
  window.location.assign(`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
}

const session: Middleware = {
  onRequest({ request }) {
    lastRequestAt = Date.now();
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) signInAgain();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(session);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T> | undefined> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: (e as Error).message }, true);
  }
  if (!result.response.ok) {
    const problem = (result.error ?? {}) as Problem;
    throw new ApiError({ ...problem, status: result.response.status });
  }
  return result.data ?? undefined;
}

/** A read: the answer's body as the OpenAPI document types it; an empty answer is an error here. */
export async function read<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const data = await ok(call);
  if (data === undefined) throw new ApiError({ status: 0, title: 'empty answer', detail: '応答が空でした。' });
  return data;
}

/** A GET whose answer the OpenAPI document does not describe: typed by the caller. */
export async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  lastRequestAt = Date.now();
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: (e as Error).message }, true);
  }
  if (response.status === 401) signInAgain();
  if (!response.ok)
    throw new ApiError({ ...((await response.json().catch(() => ({}))) as Problem), status: response.status });
  return (await response.json()) as T;
}

/**
 * A write the OpenAPI document this build was generated from does not describe yet (a route another
 * branch adds): JSON in, JSON out, the session's CSRF token and the 401 handling as every write.
 */
export async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  lastRequestAt = Date.now();
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: (e as Error).message }, true);
  }
  if (response.status === 401) signInAgain();
  const answer = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw new ApiError({ ...(answer as Problem), status: response.status });
  return answer as T;
}
