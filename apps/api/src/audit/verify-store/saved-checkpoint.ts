/**
 * The verification checkpoint kept under DATA_DIR, so the first verification after a restart checks
 * only what came since instead of the whole store. What is read back is trusted only as far as it
 * can be checked: its digests must hold over the heads it carries, and the event it is anchored on
 * must still be in the store with the hash it had. Anything else (a file from another store, a
 * restored backup older than the checkpoint, a damaged file) is set aside and everything is walked
 * again. Whether an event before it was altered since is still the full re-verification's question.
 */
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { ChainHeads, checkpointHolds, EventStore, VerifiedCheckpoint } from '@goals/event-store';

export interface CheckpointPoint {
  position: bigint;
  events: number;
  heads: ChainHeads;
  record: VerifiedCheckpoint;
  last: { streamId: string; revision: bigint };
}

/**
 * The file: a first line of JSON (the record and the event it was made at), then one line per chain
 * head, `["stream","revision","hash"]`. Line by line, a slice at a time, so that reading or writing
 * 160k heads (a million events) never holds the api's thread for long; one JSON document of 19 MB
 * took half a second to parse in one go. A file of the first form (one JSON document) is still read.
 */
interface SavedHeader {
  record: VerifiedCheckpoint;
  last: { streamId: string; revision: string };
}
type SavedHead = [string, string, string];

const SLICE = 10_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function saveCheckpoint(file: string, point: CheckpointPoint): Promise<void> {
  const header: SavedHeader = {
    record: point.record,
    last: { streamId: point.last.streamId, revision: point.last.revision.toString() },
  };
  const lines = [JSON.stringify(header)];
  let inSlice = 0;
  for (const [stream, head] of point.heads) {
    lines.push(JSON.stringify([stream, head.revision.toString(), head.hash]));
    if (++inSlice === SLICE) {
      inSlice = 0;
      await nextTurn();
    }
  }
  // A whole file or the old one: a crash mid-write must not leave half a checkpoint.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, lines.join('\n') + '\n', { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

async function readSaved(text: string): Promise<SavedHeader & { heads: SavedHead[] }> {
  const firstBreak = text.indexOf('\n');
  // The first form: one JSON document holding the heads too.
  if (firstBreak === -1 || firstBreak === text.length - 1)
    return JSON.parse(text) as SavedHeader & { heads: SavedHead[] };
  const lines = text.split('\n');
  const header = JSON.parse(lines[0]) as SavedHeader;
  const heads: SavedHead[] = [];
  for (let from = 1; from < lines.length; from += SLICE) {
    for (const line of lines.slice(from, from + SLICE)) if (line) heads.push(JSON.parse(line) as SavedHead);
    await nextTurn();
  }
  return { ...header, heads };
}

/** The saved checkpoint when it holds against this store; otherwise undefined, with why. */
export async function loadCheckpoint(
  file: string,
  store: EventStore,
): Promise<{ point?: CheckpointPoint; setAside?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { setAside: `unreadable: ${(e as Error).message}` };
  }
  let saved: SavedHeader & { heads: SavedHead[] };
  try {
    saved = await readSaved(text);
  } catch (e) {
    return { setAside: `unreadable: ${(e as Error).message}` };
  }
  try {
    const heads: ChainHeads = new Map();
    for (const [stream, revision, hash] of saved.heads) heads.set(stream, { revision: BigInt(revision), hash });
    if (!(await checkpointHolds(saved.record, heads))) return { setAside: 'its digests do not hold' };
    const last = { streamId: saved.last.streamId, revision: BigInt(saved.last.revision) };
    const anchor = (await store.readStream(last.streamId, { fromRevision: last.revision, maxCount: 1 })).events[0];
    const head = heads.get(last.streamId);
    if (
      !anchor ||
      !head ||
      anchor.revision !== last.revision ||
      anchor.position.toString() !== saved.record.position ||
      String(anchor.metadata.hash) !== head.hash
    )
      return { setAside: 'the event it was made at is not in this store as it was' };
    return {
      point: {
        position: BigInt(saved.record.position),
        events: saved.record.events,
        heads,
        record: saved.record,
        last,
      },
    };
  } catch (e) {
    return { setAside: `not a checkpoint: ${(e as Error).message}` };
  }
}
