/**
 * Room kept back on the data disk (a file of zeros under DATA_DIR) for the one write that must not
 * be lost when the disk fills: the record that a reminder went out. The event store and the embedded
 * Redis share the disk, so a disk that fills in the moment between sending a message and recording
 * it would otherwise leave the delivery unrecorded, and the message would go out again at the next
 * attempt. Giving the room up lets that record through (logged as an error, so an operator frees
 * space); the room is kept again at the next start.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';

export class DiskReserve {
  constructor(
    readonly file: string,
    readonly bytes: number,
  ) {}

  /** Keeps the room back unless it is already; false when the disk has not got it (or none is wanted). */
  async keep(): Promise<boolean> {
    if (this.bytes <= 0) return false;
    if (await this.held()) return true;
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    const chunk = Buffer.alloc(Math.min(this.bytes, 1024 * 1024));
    const handle = await open(temporary, 'w', 0o600);
    try {
      // Zeros written, not a sparse file: only blocks really taken can be given back. Not synced:
      // the filesystem counts the blocks as taken at write time, and a sync would compete with the
      // event store's own for the disk just as the service starts.
      for (let written = 0; written < this.bytes;) {
        const { bytesWritten } = await handle.write(chunk, 0, Math.min(chunk.length, this.bytes - written));
        written += bytesWritten;
      }
      await handle.close();
      await rename(temporary, this.file);
      return true;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return false;
      throw error;
    }
  }

  /** Whether the room is kept back now. */
  async held(): Promise<boolean> {
    if (this.bytes <= 0) return false;
    try {
      return (await stat(this.file)).size >= this.bytes;
    } catch {
      return false;
    }
  }

  /** Gives the room up for a write that must go through; true if there was room to give. */
  async release(): Promise<boolean> {
    try {
      await unlink(this.file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
