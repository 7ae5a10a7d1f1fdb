/**
 * The links of a full verification read straight from the SQLite rows, most of them checked
 * without parsing: JSON.parse of data and metadata and canonicalJson of every event were most of a
 * walk's time (bench/README.md, bench:verify).
 *
 * Since events are stored with their keys in canonical order (hash-chain.ts, chain()), the text an
 * event was hashed over can be put together from its row as stored:
 *
 *   {"data":D,"id":I,"metadata":M',"prevHash":"P","revision":"R","streamId":S,"type":Y}
 *
 * where D is the data column, M' the metadata column without its tail `"prevHash":"P","hash":"H"}`
 * (closed again), and I, S, Y the id, stream and type columns quoted. If that text hashes to H, it is
 * the text that was hashed when the event was written (SHA-256 does not collide), and the columns
 * are the ones written, not the same characters cut in other places: D is checked to be one whole
 * JSON value, which fixes where it ends; I is a quoted string, which fixes where it ends; from the
 * other end Y, S and R are fixed the same way, P and the tail by their length; M' is what lies
 * between. So the parsed event would pass every rule as well (its canonical encoding is that text).
 *
 * Anything else — an event stored before canonical order (its keys as the command built them),
 * integer-like keys (JavaScript puts them first), a tail not in that form, a hash that does not
 * match — is decided by the parsed event, exactly as verifyStore decides it: the stored text only
 * ever confirms an event's content, and a break seen on such an event (a gap, a wrong prevHash) is
 * decided again on the parsed event.
 */
import { ChainLink, linkOf, sha256Hex } from './hash-chain';
import { isSystemEvent, Position } from './event-store.port';
import { SqliteEventStore, StoredEventRow, toRecorded } from './sqlite.event-store';

/** `"prevHash":"` + 64 + `","hash":"` + 64 + `"}` */
const TAIL = 12 + 64 + 10 + 64 + 2;

/** Misses in a row after which the stored text is not tried for a while (a store of the old form). */
const MISSES_BEFORE_PAUSE = 16;
const FIRST_PAUSE = 1_024;
const LONGEST_PAUSE = 65_536;

/**
 * Whether stored text is tried before parsing. On a store written before canonical order every try
 * is a miss that costs a hash for nothing, so after a run of misses it is left alone for a while,
 * longer each time, and tried again now and then: a store's old events come before its new ones.
 */
class Attempts {
  private missesInARow = 0;
  private pause = FIRST_PAUSE;
  private skipping = 0;
  tries = 0;
  hits = 0;

  worthTrying(): boolean {
    if (this.skipping === 0) return true;
    this.skipping -= 1;
    return false;
  }

  hit(): void {
    this.tries += 1;
    this.hits += 1;
    this.missesInARow = 0;
    this.pause = FIRST_PAUSE;
  }

  miss(): void {
    this.tries += 1;
    if (++this.missesInARow < MISSES_BEFORE_PAUSE) return;
    this.missesInARow = MISSES_BEFORE_PAUSE - 1; // one more miss after the pause starts the next one
    this.skipping = this.pause;
    this.pause = Math.min(this.pause * 2, LONGEST_PAUSE);
  }
}

export interface StoredLinkPages extends Iterable<ChainLink[]> {
  /** Events whose stored text was hashed as it is, and how many of those tries matched. */
  readonly attempts: { tries: number; hits: number };
}

/**
 * The links of every event after `after` (from the start if none) up to `until` (to the end if
 * none) in global order, system events left out, read `fetch` rows at a time.
 */
export function storedLinkPages(
  store: SqliteEventStore,
  after: Position | undefined,
  fetch = 250,
  options: { tryStoredText?: boolean; until?: Position } = {},
): StoredLinkPages {
  const attempts = new Attempts();
  const tryStoredText = options.tryStoredText ?? true;
  const until = options.until === undefined ? undefined : Number(options.until);
  return {
    attempts,
    *[Symbol.iterator]() {
      if (after !== undefined) store.assertEventAt(after);
      let position = after ?? 0n;
      for (;;) {
        const rows = store.storedRowsAfter(position, fetch);
        const page: ChainLink[] = [];
        for (const row of rows) {
          if (until !== undefined && row[0] > until) {
            if (page.length) yield page;
            return;
          }
          if (isSystemEvent({ streamId: row[2], type: row[4] })) continue;
          const stored = tryStoredText && attempts.worthTrying() ? storedLink(row, attempts) : undefined;
          page.push(stored ?? parsedLink(row));
        }
        if (page.length) yield page;
        if (rows.length < fetch) return;
        position = BigInt(rows[rows.length - 1][0]);
      }
    },
  };
}

function parsedLink(row: StoredEventRow): ChainLink {
  return linkOf(toRecorded(row));
}

/**
 * The link of an event whose stored text hashes, as it is, to the hash its metadata ends with; or
 * undefined, when it does not (or is not in that form), and the parsed event must decide. Checked
 * as the page is read, so that the misses of the events before decide whether to try.
 */
function storedLink(row: StoredEventRow, attempts: Attempts): ChainLink | undefined {
  const metadata = row[6];
  const length = metadata.length;
  const tailAt = length - TAIL;
  if (
    tailAt < 1 ||
    metadata.charCodeAt(length - 1) !== 0x7d /* } */ ||
    metadata.charCodeAt(length - 2) !== 0x22 /* " */ ||
    !metadata.startsWith('"prevHash":"', tailAt) ||
    !metadata.startsWith('","hash":"', tailAt + 76)
  )
    return undefined;
  const separator = metadata.charCodeAt(tailAt - 1);
  // `{` + tail: nothing but the chain in the metadata; `…,` + tail: the rest closed again. A `,`
  // straight after the `{` is not JSON, and is left to the parser to refuse.
  let rest: string;
  if (separator === 0x7b /* { */ && tailAt === 1) rest = '{}';
  else if (separator === 0x2c /* , */ && tailAt > 2) rest = metadata.slice(0, tailAt - 1) + '}';
  else return undefined;
  const data = row[5];
  if (!oneJsonValue(data)) return undefined;
  const prevHash = metadata.slice(tailAt + 12, tailAt + 76);
  const hash = metadata.slice(tailAt + 86, length - 2);
  const text =
    '{"data":' +
    data +
    ',"id":' +
    JSON.stringify(row[1]) +
    ',"metadata":' +
    rest +
    ',"prevHash":"' +
    prevHash +
    '","revision":"' +
    String(row[3]) +
    '","streamId":' +
    JSON.stringify(row[2]) +
    ',"type":' +
    JSON.stringify(row[4]) +
    '}';
  const digest = sha256Hex(text);
  if (digest !== hash) {
    attempts.miss();
    return undefined;
  }
  attempts.hit();
  // The digest, not the slice: a slice keeps the whole metadata text alive, and the walk keeps every
  // stream's newest hash (160k streams at a million events) until it ends.
  return new StoredLink(row, digest, prevHash);
}

/**
 * An event whose content is known to hash to its hash. Its hashes were cut from the metadata's
 * tail; the metadata being JSON (as the match shows), they are the ones JSON.parse would find: the
 * tail's quotes cannot be inside a string, and the last of duplicate keys wins.
 */
class StoredLink implements ChainLink {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  private parsedLink?: ChainLink;

  constructor(
    private readonly row: StoredEventRow,
    readonly hash: string,
    readonly prevHash: string,
  ) {
    this.streamId = row[2];
    this.revision = BigInt(row[3]);
    this.position = BigInt(row[0]);
  }

  contentHolds(): boolean {
    return true;
  }

  parsed(): ChainLink {
    return (this.parsedLink ??= parsedLink(this.row));
  }
}

/**
 * Whether the text is one JSON object or array and nothing after it: its brackets, outside
 * strings, close for the first time at its last character. (Not that it is valid JSON: if the hash
 * matches, the text is a prefix of valid JSON, and this fixes where the value ends.)
 */
export function oneJsonValue(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return false;
  let depth = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // To the closing quote: one not escaped by a backslash.
      for (i++; i < end; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (--depth === 0) return i === end - 1;
    }
  }
  return false;
}
