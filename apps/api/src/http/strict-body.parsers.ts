/**
 * Request bodies are decoded strictly. Fastify's own parsers turn bytes that are not UTF-8 into
 * U+FFFD without a word; here JSON that is not UTF-8 or does not parse is refused as 400 naming the
 * body. Sheet files are handed over as bytes: the import detects UTF-8, Shift_JIS/CP932 or a workbook.
 */
import { FastifyInstance } from 'fastify';
import { InvalidInput } from '@goals/domain';
import { SHEET_FILE_CONTENT_TYPES } from './file-content-types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function strictUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw InvalidInput.of(
      '(body)',
      'is not valid UTF-8 text; save the file or request as UTF-8',
      '送られた内容がUTF-8の文字ではありません。UTF-8で保存して送ってください',
    );
  }
}

/**
 * No request of ours nests deeper than a list in an object; a body thousands of levels deep only
 * exists to exhaust the stack of whatever walks it next (validation, hashing, logging).
 */
const MAX_DEPTH = 16;

/** Deepest nesting of [ and { outside strings, counted without parsing; stops counting past 1000. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > 1000) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export function registerStrictBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  // Same prototype-poisoning rules as Fastify's default: a "__proto__" or "constructor.prototype" key is refused.
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8(body as Buffer);
    } catch (e) {
      return done(e as Error, undefined);
    }
    const depth = nestingDepth(text);
    if (depth > MAX_DEPTH)
      return done(
        InvalidInput.of(
          '(body)',
          `nests ${depth > 1000 ? 'more than 1000' : depth} levels deep; at most ${MAX_DEPTH}`,
          `JSON の入れ子が深すぎます（${MAX_DEPTH}段まで）`,
        ),
        undefined,
      );
    // Fastify's default JSON parser answers through the callback; its type also allows a promise it never returns.
    void json(request, text, (error, parsed) => {
      if (error)
        return done(
          InvalidInput.of(
            '(body)',
            text.trim() === '' ? 'is empty; send a JSON object' : `is not valid JSON: ${error.message}`,
            text.trim() === ''
              ? '送られた内容が空です。JSON のオブジェクトを送ってください'
              : `送られた内容を JSON として読めません（${error.message}）`,
          ),
          undefined,
        );
      done(null, parsed);
    });
  });
  // The sign-in pages post HTML forms (no JavaScript needed); fields arrive as strings, the last of a repeated name wins.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: 16 * 1024 },
    (_request, body, done) => {
      try {
        const fields = Object.create(null) as Record<string, string>;
        for (const [name, value] of new URLSearchParams(strictUtf8(body as Buffer))) fields[name] = value;
        done(null, fields);
      } catch (e) {
        done(e as Error, undefined);
      }
    },
  );
  // Sheet files are bytes: Shift_JIS text and .xlsx workbooks are decoded by the import, which knows how.
  fastify.addContentTypeParser(SHEET_FILE_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
}
