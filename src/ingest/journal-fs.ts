/**
 * A snapshot's writes, undoable as a whole. Each file is written atomically
 * (write-fs.ts) and kept in place as the run goes, so a killed run keeps its
 * progress; before a file is replaced its old bytes are kept under a hidden
 * hard link. When the disk fills up, a file grows past the size limit or the
 * file system turns read-only, the run stops and `rollback` puts every file it
 * wrote back as it was before the run: new files removed, replaced files
 * restored. A finished run drops the kept copies.
 */
import { link, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ArchiveError } from './errors.ts';
import { writeFileAtomic } from './write-fs.ts';

/** errno codes that mean the archive's storage cannot take more, not that one file is wrong. */
const STORAGE_FULL: Readonly<Record<string, string>> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'a file would pass the size limit (ulimit -f)',
  EROFS: 'the file system is read-only',
};

/** Whether `error` says the storage is full or read-only. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && code in STORAGE_FULL;
}

export interface WriteJournal {
  /** Writes `data` to `file` atomically, remembering how to undo it. */
  write(file: string, data: string | Uint8Array, options?: { folderExists?: boolean }): Promise<void>;
  /** Puts every file written back as it was, newest first. */
  rollback(): Promise<void>;
  /** Forgets the run: removes the kept copies of replaced files. */
  finish(): Promise<void>;
}

interface Entry {
  file: string;
  /** The old bytes' hard link, when the file existed before. */
  kept?: string;
}

function keptName(file: string): string {
  return join(dirname(file), `.${basename(file)}.tmp-${process.pid}.old`);
}

export function createWriteJournal(): WriteJournal {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  return {
    async write(file, data, options = {}) {
      try {
        if (!seen.has(file)) {
          const entry: Entry = { file };
          const kept = keptName(file);
          await unlink(kept).catch(() => undefined);
          try {
            await link(file, kept);
            entry.kept = kept;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
          seen.add(file);
          entries.push(entry);
        }
        await writeFileAtomic(file, data, options);
      } catch (cause) {
        if (!isStorageFull(cause)) throw cause;
        const code = String((cause as NodeJS.ErrnoException).code);
        throw new ArchiveError(
          `Snapshot stopped: ${STORAGE_FULL[code]} (${code}) while writing ${file}. Every file this run wrote was put back as it was; free some space or make the archive writable, then run again.`,
          { code: code === 'EROFS' ? 'read-only' : 'disk-full', cause },
        );
      }
    },
    async rollback() {
      for (const entry of entries.reverse()) {
        if (entry.kept === undefined) {
          await unlink(entry.file).catch(() => undefined);
        } else {
          // rename replaces atomically: the file is never missing. When the write failed before it
          // replaced the file, both names are links to the same file and rename does nothing (POSIX),
          // so the kept name is then removed on its own.
          await rename(entry.kept, entry.file).catch(() => undefined);
          await unlink(entry.kept).catch(() => undefined);
        }
      }
      entries.length = 0;
      seen.clear();
    },
    async finish() {
      for (const entry of entries) if (entry.kept !== undefined) await unlink(entry.kept).catch(() => undefined);
      entries.length = 0;
      seen.clear();
    },
  };
}
