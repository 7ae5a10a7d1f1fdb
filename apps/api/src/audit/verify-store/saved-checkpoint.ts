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

interface SavedForm {
  record: VerifiedCheckpoint;
  last: { streamId: string; revision: string };
  /** [stream, revision, hash]: compact, a million events leave some 10^5 streams. */
  heads: Array<[string, string, string]>;
}

export async function saveCheckpoint(file: string, point: CheckpointPoint): Promise<void> {
  const saved: SavedForm = {
    record: point.record,
    last: { streamId: point.last.streamId, revision: point.last.revision.toString() },
    heads: [...point.heads].map(([stream, head]) => [stream, head.revision.toString(), head.hash]),
  };
  // A whole file or the old one: a crash mid-write must not leave half a checkpoint.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(saved), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/** The saved checkpoint when it holds against this store; otherwise undefined, with why. */
export async function loadCheckpoint(
  file: string,
  store: EventStore,
): Promise<{ point?: CheckpointPoint; setAside?: string }> {
  let saved: SavedForm;
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as SavedForm;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { setAside: `unreadable: ${(e as Error).message}` };
  }
  try {
    const heads: ChainHeads = new Map(
      saved.heads.map(([stream, revision, hash]) => [stream, { revision: BigInt(revision), hash }]),
    );
    if (!checkpointHolds(saved.record, heads)) return { setAside: 'its digests do not hold' };
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
