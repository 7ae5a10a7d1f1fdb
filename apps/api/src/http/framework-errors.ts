/**
 * Some requests are refused before Nest sees them, so the problem filter never runs: Node's HTTP
 * parser refuses a request line with raw (not percent-encoded) UTF-8 or control bytes, and Fastify's
 * router refuses a path whose percent-encoding is broken. Both are answered here in the same
 * problem+json every other 400 has, naming the part of the request to fix, in Japanese unless the
 * client asks for English first.
 */
import type { Socket } from 'node:net';
import { Language, languageOf, Problem, titleOf } from './problem-details.filter';

const TYPE_BASE = 'https://goal-sheet.example/problems/';

function badRequest(lang: Language, field: string, en: string, ja: string): Problem {
  const reason = lang === 'ja' ? ja : en;
  return {
    type: `${TYPE_BASE}invalid-input`,
    title: titleOf(400, lang),
    status: 400,
    detail: lang === 'ja' ? reason : `${field}: ${reason}`,
    errors: [{ field, reason }],
  };
}

interface FrameworkReply {
  code(status: number): FrameworkReply;
  header(name: string, value: string): FrameworkReply;
  send(body: string): unknown;
}

/** Fastify's `frameworkErrors`: a path that does not decode, or a parameter longer than the router allows. */
export function frameworkErrors(error: Error & { code?: string }, request: unknown, reply: unknown): void {
  const lang = languageOf((request as { headers?: Record<string, string> } | undefined)?.headers?.['accept-language']);
  const problem =
    error.code === 'FST_ERR_BAD_URL'
      ? badRequest(
          lang,
          '(url)',
          'has a broken percent-encoding; encode the path as UTF-8 and percent-encode every byte outside ASCII',
          'アドレスの%エンコードが壊れています。UTF-8で書き、ASCII以外の文字は%エンコードしてください',
        )
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? badRequest(lang, '(url)', 'has a path segment that is too long', 'アドレスの一部が長すぎます')
        : badRequest(lang, '(request)', error.message, `要求を読み取れませんでした（${error.message}）`);
  (reply as FrameworkReply)
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .send(JSON.stringify(problem));
}

/**
 * Node's `clientError`: the request line or headers do not parse, so there is no request to answer
 * through Fastify, nor an Accept-Language to read: the answer is in Japanese, the service's language.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const lang: Language = 'ja';
  const problem: Problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? {
          type: `${TYPE_BASE}request-timeout`,
          title: titleOf(408, lang),
          status: 408,
          detail: '要求が時間内に届きませんでした（the request did not arrive in time）',
        }
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? {
            type: `${TYPE_BASE}request-header-fields-too-large`,
            title: titleOf(431, lang),
            status: 431,
            detail: '要求のヘッダーが大きすぎます（the request headers are too large）',
          }
        : error.code === 'HPE_INVALID_URL'
          ? badRequest(
              lang,
              // llhttp says "Invalid char in url query" or "… in url path"
              /query/.test(error.message) ? '(query)' : '(url)',
              'holds bytes that must be percent-encoded',
              'アドレスに%エンコードが必要な文字（ASCII以外の文字、空白、制御文字）がそのまま入っています。' +
                'UTF-8で%エンコードしてください（holds bytes that must be percent-encoded: ' +
                'encode the value as UTF-8 and percent-encode it）',
            )
          : badRequest(
              lang,
              '(request)',
              `does not parse as HTTP/1.1 (${error.message})`,
              `HTTP/1.1の要求として読み取れません（does not parse as HTTP/1.1: ${error.message}）`,
            );
  const body = JSON.stringify(problem);
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[problem.status];
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${problem.status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Language: ${lang}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
