/**
 * Tamper evidence: every event's metadata carries `hash`, a SHA-256 over a canonical encoding of
 * the event and the hash of the event before it in its stream (`prevHash`). Changing, removing or
 * reordering a stored event breaks the chain from that point, and verifyStore finds the first break.
 *
 * The decorator works over any adapter. The chain needs the stream's last hash, so an append
 * first reads the stream's last event and then appends at exactly that revision: with 'any' a
 * concurrent writer would otherwise fork the chain (two events claiming the same predecessor).
 * A conflict on that pinned revision is retried with the new last event.
 *
 * Known limit: removing the newest events of a stream leaves a valid, shorter chain; anchoring each
 * stream's head elsewhere (a signed export, say) would be needed to notice that.
 */
import { createHash, hash as digestOf } from 'node:crypto';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  readAllForwards,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreSubscription,
  StreamRead,
  SubscribeToAllOptions,
  WriteHealth,
  WrongExpectedVersion,
} from './event-store.port';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

const PINNED_RETRIES = 20;

/** Streams whose newest hash read is remembered (the oldest is forgotten first). */
const REMEMBERED_HEADS = 10_000;

type Head = Pick<RecordedEvent, 'revision' | 'metadata'>;

export class HashChainedEventStore implements EventStore {
  /**
   * The newest event seen of each recently read stream. A command reads its stream and then
   * appends at the revision it read: the hash of the event at that revision is then already known,
   * and an event never changes once written, so the append need not read it again. (Profiled: the
   * extra read was a sixth of the command path's CPU on SQLite.)
   */
  private readonly heads = new Map<string, Head>();

  constructor(private readonly inner: EventStore) {}

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    for (let attempt = 0; ; attempt++) {
      const last = attempt === 0 ? await this.predecessor(streamId, expected) : await this.lastEvent(streamId);
      const pinned: ExpectedRevision =
        expected === 'any' || expected === 'stream_exists'
          ? last === undefined
            ? expected === 'any'
              ? 'no_stream'
              : 'stream_exists' // the inner store refuses it, as it should
            : last.revision
          : expected;
      const chained = chain(streamId, events, last);
      try {
        return await this.inner.append(streamId, chained, { expectedRevision: pinned });
      } catch (error) {
        const mayRetry = pinned !== expected && error instanceof WrongExpectedVersion && attempt < PINNED_RETRIES;
        if (!mayRetry)
          throw error instanceof WrongExpectedVersion
            ? new WrongExpectedVersion(streamId, expected, error.actual)
            : error;
      }
    }
  }

  /**
   * The event the new ones will follow, if the expectation holds: none for a new stream, the
   * remembered head when the caller expects exactly its revision, else the stream's last event.
   * If the expectation does not hold, the inner store refuses the append whatever is chained.
   */
  private async predecessor(streamId: string, expected: ExpectedRevision): Promise<Head | undefined> {
    if (expected === 'no_stream') return undefined;
    const head = this.heads.get(streamId);
    if (typeof expected === 'bigint' && head?.revision === expected) return head;
    return this.lastEvent(streamId);
  }

  private remember(streamId: string, event: RecordedEvent | undefined): void {
    if (!event || typeof event.metadata.hash !== 'string') return;
    const known = this.heads.get(streamId);
    if (known && known.revision >= event.revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision: event.revision, metadata: { ...event.metadata } });
    if (this.heads.size > REMEMBERED_HEADS) this.heads.delete(this.heads.keys().next().value!);
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    const { events } = await this.inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return events[0];
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamRead> {
    const read = await this.inner.readStream(streamId, options);
    this.remember(streamId, options?.direction === 'backwards' ? read.events[0] : read.events.at(-1));
    return read;
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  readAt(positions: readonly Position[]): Promise<RecordedEvent[]> {
    return this.inner.readAt(positions);
  }

  subscribeToAll(options: SubscribeToAllOptions): StoreSubscription {
    return this.inner.subscribeToAll(options);
  }

  writable(): Promise<WriteHealth> {
    return this.inner.writable?.() ?? Promise.resolve({ writable: true });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function chain(streamId: string, events: NewEvent[], last: Head | undefined): NewEvent[] {
  let prevHash = last ? String((last.metadata.hash as string | undefined) ?? GENESIS_HASH) : GENESIS_HASH;
  let revision = last ? last.revision : -1n;
  return events.map((event) => {
    revision += 1n;
    // Stored with their keys already in canonical order, the text the store keeps is (almost always)
    // the text that was hashed: a full verification can then hash the stored bytes as they are
    // (sqlite-chain-links.ts) instead of parsing and re-encoding every event.
    const data = canonicalCopy(event.data) as NewEvent['data'];
    const metadata = { ...(canonicalCopy(withoutChain(event.metadata)) as EventMetadata), prevHash };
    const hash = eventHash({ streamId, revision, id: event.id, type: event.type, data, metadata });
    prevHash = hash;
    return { ...event, data, metadata: { ...metadata, hash } };
  });
}

/**
 * A copy of a JSON value with every plain object's keys in canonicalJson's order, undefined members
 * left out: JSON.stringify of it is canonicalJson of it, except where JavaScript orders keys itself
 * (integer-like keys come first, in numeric order), which the verification notices and handles.
 * Anything that is not a plain object or array (a Date, say) is left as it is.
 */
export function canonicalCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonicalCopy);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member !== undefined) out[key] = canonicalCopy(member);
  }
  return out;
}

function withoutChain(metadata: EventMetadata): EventMetadata {
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
  return rest;
}

/**
 * SHA-256 over the canonical JSON (keys sorted at every depth) of the event's identity, place,
 * content and metadata, with prevHash inside the metadata and the hash itself left out.
 */
export function eventHash(event: {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}): string {
  const metadata = withoutChain(event.metadata);
  const encoded = canonicalJson({
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    prevHash: event.metadata.prevHash ?? null,
  });
  return sha256Hex(encoded);
}

/** SHA-256 of a string's UTF-8, in hex: one call, no Hash object (a microsecond less per event). */
export function sha256Hex(text: string): string {
  return digestOf('sha256', text, 'hex');
}

/**
 * JSON with every object's keys in code-unit order and undefined members left out. Every append and
 * every verified event goes through it, so it builds one string instead of arrays of entries: the
 * garbage those made was most of a full verification's time.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const member: unknown = value[i];
      out += (i === 0 ? '' : ',') + (member === undefined ? 'null' : canonicalJson(member));
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator orders strings by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out +=
      (out.length === 1 ? '' : ',') +
      quotedKey(key) +
      ':' +
      (typeof member === 'string' ? JSON.stringify(member) : canonicalJson(member));
  }
  return out + '}';
}

/** Events use a small vocabulary of keys: each is quoted once, not once per event. */
const QUOTED_KEYS = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < 4096) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

export interface ChainBreak {
  streamId: string;
  revision: string;
  position: string;
  /** What is wrong, as a code a screen can put in its own words. */
  kind: 'removed' | 'reordered' | 'unhashed' | 'unchained' | 'altered';
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Events checked, up to and including the first break. */
  checked: number;
  firstBreak?: ChainBreak;
}

/** Each stream's newest verified event: where its chain continues. */
export type ChainHeads = Map<string, { revision: bigint; hash: string }>;

export interface VerifyOptions {
  pageSize?: number;
  /** Continue after a verified point: only events after `position` are read, chained onto `heads`. */
  after?: { position: bigint; heads: ChainHeads };
  /** Set `cancelled` to stop at the next page. */
  signal?: { cancelled: boolean };
  /** After every page: events checked so far, and the position reached. */
  onProgress?: (checked: number, position: bigint) => void;
  /**
   * At most this many events a second (0 or unset: as fast as the store reads): a background walk
   * on a shared service leaves the disk to the people working.
   */
  eventsPerSecond?: number;
  /**
   * The walk begins inside the history (the later half of a walk split in two, joinWalks): a stream's
   * first event here is taken as it stands and kept in `starts`, to be checked against the heads the
   * earlier half ends with.
   */
  openStarts?: boolean;
}

/** What the join needs of an event that began a stream inside a later half: its link's facts, and its parsed event's. */
export interface OpenStart {
  checked: number;
  link: StartFacts;
  parsed?: StartFacts;
}

export interface StartFacts {
  streamId: string;
  revision: bigint;
  position: bigint;
  hash: unknown;
  prevHash: unknown;
  /** Whether the content hashes to `hash` (asked only when `hash` is a string). */
  content: boolean;
}

export interface VerifyWalk extends VerifyResult {
  /** The heads after the walk (a copy when `after` was given): what a checkpoint keeps. */
  heads: ChainHeads;
  /** The newest position checked, when any event was. */
  position?: bigint;
  /** The event at `position`: where a saved checkpoint is anchored in the store. */
  last?: { streamId: string; revision: bigint };
  cancelled?: boolean;
  /** With openStarts: the streams that began inside this walk, in the order they began. */
  starts?: Map<string, OpenStart>;
}

/**
 * One event as the walk checks it: where it stands, the hashes it names, and whether its content
 * hashes to the hash it names. Made from a parsed event (any store) or from a SQLite row's stored
 * text (sqlite-chain-links.ts); the rules of breakIn are the same for both.
 */
export interface ChainLink {
  streamId: string;
  revision: bigint;
  position: bigint;
  hash: unknown;
  prevHash: unknown;
  /** Whether the content hashes to `hash`; asked only once the other rules hold. */
  contentHolds(): boolean;
  /**
   * The same event parsed, when this link was read from stored text without parsing it: a break
   * seen there is decided again on the parsed event, whose answer is final.
   */
  parsed?(): ChainLink;
}

/** The link of an event read through the port, its content parsed. */
export function linkOf(event: RecordedEvent): ChainLink {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    hash: event.metadata.hash,
    prevHash: event.metadata.prevHash,
    contentHolds: () => eventHash(event) === event.metadata.hash,
  };
}

/**
 * Walks the store forwards, in global order, checking in each stream that revisions follow on
 * without a gap, that each event names its predecessor's hash, and that its own hash matches its
 * content. Reports the first break in global order.
 *
 * It reads a page at a time and lets the event loop run between pages, so the process keeps
 * answering (/health, sheets) while it walks a million events; given a verified point (`after`),
 * it checks only what came since.
 */
export function verifyStore(store: EventStore, options: VerifyOptions = {}): Promise<VerifyWalk> {
  const pageSize = options.pageSize ?? 250;
  return walkChains(eventPages(store, pageSize, options.after?.position), options);
}

async function* eventPages(
  store: EventStore,
  pageSize: number,
  after: bigint | undefined,
): AsyncGenerator<ChainLink[]> {
  let page: ChainLink[] = [];
  // System events (EventStoreDB's `$epoch-information` at every start, say) are the server's, not
  // chained by this service: readAllForwards leaves them out.
  for await (const event of readAllForwards(store, { pageSize, from: after })) {
    if (after !== undefined && event.position <= after) continue;
    page.push(linkOf(event));
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/**
 * The walk itself, over the links of the events after `options.after` in global order (system
 * events left out), however they are read: verifyStore's through the port, the SQLite worker's from
 * the stored rows. Pauses, progress, pace and cancelling come every `pageSize` events.
 */
export async function walkChains(
  pages: AsyncIterable<readonly ChainLink[]> | Iterable<readonly ChainLink[]>,
  options: VerifyOptions = {},
): Promise<VerifyWalk> {
  const pageSize = options.pageSize ?? 250;
  const heads: ChainHeads = new Map(options.after?.heads ?? []);
  let checked = 0;
  let position: bigint | undefined;
  let last: VerifyWalk['last'];
  let sincePause = 0;
  const started = Date.now();
  const pace = options.eventsPerSecond && options.eventsPerSecond > 0 ? options.eventsPerSecond : undefined;
  const starts = new Map<string, OpenStart>();
  const opened = options.openStarts ? { starts } : {};
  for await (const page of pages) {
    for (const link of page) {
      checked += 1;
      const head = heads.get(link.streamId);
      // A stream's first event in a later half is judged at the join, against the earlier half's head.
      const opensHere = !head && options.openStarts;
      if (opensHere)
        starts.set(link.streamId, { checked, link: factsOf(link), parsed: link.parsed && factsOf(link.parsed()) });
      let broken = opensHere ? undefined : breakIn(link, head);
      if (broken && link.parsed) broken = breakIn(link.parsed(), head);
      if (broken) {
        const firstBreak = {
          streamId: link.streamId,
          revision: link.revision.toString(),
          position: link.position.toString(),
          ...broken,
        };
        return { ok: false, checked, firstBreak, heads, position, last, ...opened };
      }
      heads.set(link.streamId, { revision: link.revision, hash: String(link.hash) });
      position = link.position;
      last = { streamId: link.streamId, revision: link.revision };
      if (++sincePause >= pageSize) {
        sincePause = 0;
        options.onProgress?.(checked, position);
        const wait = pace ? started + (checked / pace) * 1000 - Date.now() : 0;
        await new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
        if (options.signal?.cancelled) return { ok: true, checked, heads, position, last, cancelled: true, ...opened };
      }
    }
  }
  if (position !== undefined) options.onProgress?.(checked, position);
  return { ok: true, checked, heads, position, last, ...opened };
}

function factsOf(link: ChainLink): StartFacts {
  const { streamId, revision, position, hash, prevHash } = link;
  return { streamId, revision, position, hash, prevHash, content: typeof hash === 'string' && link.contentHolds() };
}

/**
 * One walk from two halves walked side by side: `earlier` up to some position, `later` (walked with
 * openStarts) from there on; the earlier half's heads become the whole walk's. The first break is the earliest in global order of the earlier half's,
 * the later half's own, and those of the streams whose first event in the later half does not follow
 * on from the earlier half's head (the same rules, in the same order, as one walk applies).
 */
export async function joinWalks(earlier: VerifyWalk, later: VerifyWalk): Promise<VerifyWalk> {
  if (!earlier.ok || earlier.cancelled) return earlier;
  // Only a whole later half can be vouched for: a cancelled one leaves the earlier half's answer.
  if (later.cancelled) return { ...earlier, cancelled: true };
  let firstBreak = later.firstBreak;
  let checkedAtBreak = later.checked;
  // A slice at a time, letting the event loop run: a million events leave some 100k streams to join.
  let sincePause = 0;
  for (const start of later.starts?.values() ?? []) {
    if (++sincePause % JOIN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (firstBreak && BigInt(firstBreak.position) < start.link.position) continue;
    const head = earlier.heads.get(start.link.streamId);
    let broken = breakIn(linkFrom(start.link), head);
    if (broken && start.parsed) broken = breakIn(linkFrom(start.parsed), head);
    if (!broken) continue;
    firstBreak = {
      streamId: start.link.streamId,
      revision: start.link.revision.toString(),
      position: start.link.position.toString(),
      ...broken,
    };
    checkedAtBreak = start.checked;
  }
  // The earlier half's heads are taken over, not copied: a million events leave some 160k of them.
  const heads = earlier.heads;
  for (const [streamId, head] of later.heads) {
    heads.set(streamId, head);
    if (++sincePause % JOIN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const walked = later.position !== undefined;
  return {
    ok: firstBreak === undefined,
    checked: earlier.checked + (firstBreak ? checkedAtBreak : later.checked),
    ...(firstBreak ? { firstBreak } : {}),
    heads,
    position: walked ? later.position : earlier.position,
    last: walked ? later.last : earlier.last,
  };
}

const JOIN_SLICE = 5_000;

function linkFrom(facts: StartFacts): ChainLink {
  return { ...facts, contentHolds: () => facts.content };
}

/**
 * SHA-256 over every stream's head, in stream order: what a verification checkpoint vouches for.
 * Hashed a slice of heads at a time, letting the event loop run in between: a million events leave
 * some 160k streams, a third of a second of hashing that requests should not wait behind.
 */
export async function headsDigestInSlices(heads: ChainHeads, slice = 10_000): Promise<string> {
  const hash = createHash('sha256');
  const streams = [...heads.keys()].sort();
  for (let from = 0; from < streams.length; from += slice) {
    for (const streamId of streams.slice(from, from + slice))
      hash.update(headLine(streamId, heads.get(streamId)!), 'utf8');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}

function headLine(streamId: string, head: { revision: bigint; hash: string }): string {
  return `${streamId}\t${head.revision}\t${head.hash}\n`;
}

/**
 * A verification checkpoint: up to `position`, `events` events verified, with these chain heads.
 * Each checkpoint's digest covers the one before it, so the checkpoints form a chain themselves.
 */
export interface VerifiedCheckpoint {
  position: string;
  events: number;
  headsDigest: string;
  previous: string;
  digest: string;
  at: string;
}

export function nextCheckpoint(
  previous: VerifiedCheckpoint | undefined,
  point: { position: bigint; events: number; headsDigest: string; at: Date },
): VerifiedCheckpoint {
  const fields = {
    position: point.position.toString(),
    events: point.events,
    headsDigest: point.headsDigest,
    previous: previous?.digest ?? GENESIS_HASH,
    at: point.at.toISOString(),
  };
  return { ...fields, digest: checkpointDigest(fields) };
}

function checkpointDigest(fields: Omit<VerifiedCheckpoint, 'digest'>): string {
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}

/** Whether a checkpoint read back (from a file, say) is the one that was made over these heads. */
export async function checkpointHolds(record: VerifiedCheckpoint, heads: ChainHeads): Promise<boolean> {
  const { digest, ...fields } = record;
  return checkpointDigest(fields) === digest && (await headsDigestInSlices(heads)) === record.headsDigest;
}

function breakIn(
  event: ChainLink,
  head: { revision: bigint; hash: string } | undefined,
): Pick<ChainBreak, 'kind' | 'reason'> | undefined {
  const expectedRevision = head ? head.revision + 1n : 0n;
  if (event.revision !== expectedRevision)
    return event.revision > expectedRevision
      ? {
          kind: 'removed',
          reason: `revision ${expectedRevision} is missing: the stream jumps from ${head ? head.revision : 'its start'} to ${event.revision} (an event was removed)`,
        }
      : {
          kind: 'reordered',
          reason: `revision ${event.revision} comes after revision ${head!.revision} (events were reordered)`,
        };
  if (typeof event.hash !== 'string') return { kind: 'unhashed', reason: 'the event carries no hash' };
  const expectedPrev = head ? head.hash : GENESIS_HASH;
  if (event.prevHash !== expectedPrev)
    return {
      kind: 'unchained',
      reason: 'prevHash does not match the previous event of the stream (an event was removed, replaced or reordered)',
    };
  if (!event.contentHolds())
    return { kind: 'altered', reason: 'the hash does not match the content (the event was altered)' };
  return undefined;
}
