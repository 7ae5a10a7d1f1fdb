import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

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

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    // Signed out (or the session expired): the server's sign-in page brings the person back here.
    if (response.status === 401) {
      window.location.assign(`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
    }
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
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'network', detail: (e as Error).message }, true);
  }
  if (response.status === 401) {
    window.location.assign(`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (!response.ok)
    throw new ApiError({ ...((await response.json().catch(() => ({}))) as Problem), status: response.status });
  return (await response.json()) as T;
}
