/**
 * Some requests are refused before Nest sees them, so the problem filter never runs: Node's HTTP
 * parser refuses a request line with raw (not percent-encoded) UTF-8 or control bytes, and Fastify's
 * router refuses a path whose percent-encoding is broken. Both are answered here in the same
 * problem+json every other 400 has, naming the part of the request to fix.
 */
import type { Socket } from 'node:net';
import { Problem } from './problem-details.filter';

const TYPE_BASE = 'https://goal-sheet.example/problems/';

function badRequest(field: string, reason: string): Problem {
  return { type: `${TYPE_BASE}invalid-input`, title: 'Invalid input', status: 400, detail: `${field}: ${reason}`, errors: [{ field, reason }] };
}

interface FrameworkReply {
  code(status: number): FrameworkReply;
  header(name: string, value: string): FrameworkReply;
  send(body: string): unknown;
}

/** Fastify's `frameworkErrors`: a path that does not decode, or a parameter longer than the router allows. */
export function frameworkErrors(error: Error & { code?: string }, _request: unknown, reply: unknown): void {
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? badRequest('(url)', 'has a broken percent-encoding; encode the path as UTF-8 and percent-encode every byte outside ASCII')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? badRequest('(url)', 'has a path segment that is too long')
        : badRequest('(request)', error.message);
  (reply as FrameworkReply).code(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/** Node's `clientError`: the request line or headers do not parse, so there is no request to answer through Fastify. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem: Problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { type: `${TYPE_BASE}request-timeout`, title: 'Request timeout', status: 408, detail: 'the request did not arrive in time' }
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? { type: `${TYPE_BASE}request-header-fields-too-large`, title: 'Headers too large', status: 431, detail: 'the request headers are too large' }
        : error.code === 'HPE_INVALID_URL'
          ? badRequest(
              // llhttp says "Invalid char in url query" or "… in url path"
              /query/.test(error.message) ? '(query)' : '(url)',
              'holds bytes that must be percent-encoded (text outside ASCII, spaces, control characters); ' +
                'encode the value as UTF-8 and percent-encode it',
            )
          : badRequest('(request)', `does not parse as HTTP/1.1 (${error.message})`);
  const body = JSON.stringify(problem);
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[problem.status];
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${problem.status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
