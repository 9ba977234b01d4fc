import fs from 'node:fs';
import { basename, dirname } from 'node:path';
import { DomainError, errorCode } from '../ledger/domain/errors';
import { diskFull, unavailable } from '../core/store-errors';
import type { StoreCondition } from '../core/ports/event-store.port';

/**
 * Below this much free space (bytes) a disk that refused a write counts as still full: a group
 * commit needs little, a WAL checkpoint more.
 */
export const FREE_SPACE_FLOOR_BYTES = 2 ** 20;

const codeOf = errorCode;

/**
 * Device and inode of the files a connection writes through, as they were when it opened them.
 * A file removed or replaced under a running connection goes on taking writes into a file that no
 * path leads to any more: gone for good once the process ends. Only a look at the path tells.
 */
export class FileIdentity {
  private readonly known = new Map<string, { dev: number; ino: number }>();
  readonly dir: string;

  constructor(readonly files: readonly string[]) {
    this.dir = dirname(files[0]);
    for (const file of files) {
      const { dev, ino } = fs.statSync(file);
      this.known.set(file, { dev, ino });
    }
  }

  /** Null while each path still leads to the file opened; else which one went, and how. */
  changed(): string | null {
    for (const [file, was] of this.known) {
      let now: fs.Stats;
      try {
        now = fs.statSync(file);
      } catch (e) {
        if (codeOf(e) === 'ENOENT') return `${basename(file)} was removed from the data directory while the ledger ran`;
        throw e;
      }
      if (now.dev !== was.dev || now.ino !== was.ino) return `${basename(file)} was replaced by another file while the ledger ran`;
    }
    return null;
  }

  /** Null when the directory and the main file may be written; else why not (a read-only mount, permissions). */
  notWritable(): string | null {
    for (const path of [this.dir, this.files[0]]) {
      try {
        fs.accessSync(path, fs.constants.W_OK);
      } catch (e) {
        const code = codeOf(e);
        if (code === 'EROFS') return 'the data directory is on a read-only file system';
        if (code === 'EACCES' || code === 'EPERM') return `${path === this.dir ? 'the data directory' : basename(path)} is not writable (permission denied)`;
        if (code === 'ENOENT') return `${basename(path)} was removed while the ledger ran`;
        throw e;
      }
    }
    return null;
  }

  /** Bytes free for this user on the directory's file system; null when it cannot be asked. */
  freeBytes(): number | null {
    try {
      const s = fs.statfsSync(this.dir);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  }
}

/**
 * What the ledger makes of its files' faults, for one store file: a file removed or replaced
 * stays so (sticky: what was written since went to a file no path leads to), a read-only
 * directory and a full disk last only as long as their cause. Errors come out in the ledger's
 * terms: STORE.UNAVAILABLE (503) and STORE.DISK_FULL (507).
 */
export class StoreGuard {
  private lost: string | null = null;
  private full = false;
  private watch?: NodeJS.Timeout;

  constructor(
    private readonly identity: FileIdentity,
    /** Called once, when a file is found removed or replaced; answers where its content was saved. */
    private readonly onLost: (reason: string) => Promise<string | null>,
  ) {}

  /** Null when the store can be written now; else why not. Looks at the paths every time. */
  problem(): string | null {
    return this.lostFile() ?? this.identity.notWritable();
  }

  /** Null while the files at the paths are the ones written; else why not, for good. */
  private lostFile(): string | null {
    if (this.lost) return this.lost;
    const changed = this.identity.changed();
    if (changed) {
      this.lost = changed;
      void this.onLost(changed).then(
        (saved) => saved && (this.lost = `${changed}; what it had acknowledged was saved to ${saved}`),
        () => undefined,
      );
    }
    return changed;
  }

  /**
   * At the moment of acknowledging: STORE.UNAVAILABLE when a written file is no longer at its path.
   * A read-only directory is no reason here: what reached the file before it became read-only is
   * in the file at its path.
   */
  sameFiles(): DomainError | null {
    const lost = this.lostFile();
    return lost ? unavailable(lost, true) : null;
  }

  /** Throws STORE.UNAVAILABLE when nothing can be written now. Once per group commit, never per event. */
  assertWritable(): void {
    const problem = this.problem();
    if (problem) throw unavailable(problem);
  }

  /** For /health: ok, lost (for good), unwritable or disk full; a full disk is looked at again. */
  condition(): StoreCondition {
    const lost = this.lostFile();
    if (lost) return { status: 'lost', reason: lost };
    const unwritable = this.identity.notWritable();
    if (unwritable) return { status: 'unwritable', reason: unwritable };
    if (this.full && (this.identity.freeBytes() ?? 0) < FREE_SPACE_FLOOR_BYTES)
      return { status: 'disk_full', reason: 'the disk holding the data directory is full' };
    this.full = false;
    return { status: 'ok' };
  }

  /** A write went through: the disk has room again. */
  wrote(): void {
    this.full = false;
  }

  /** A failed write in the ledger's terms; any other error is given back as it is. */
  fault(e: unknown): unknown {
    if (e instanceof DomainError) return e;
    const code = codeOf(e);
    const io = code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'SQLITE_CANTOPEN';
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (io && (this.identity.freeBytes() ?? Infinity) < FREE_SPACE_FLOOR_BYTES)) {
      this.full = true;
      return diskFull();
    }
    if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return unavailable(this.problem() ?? 'the data directory is read-only');
    if (io || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return unavailable(this.problem() ?? `${basename(this.identity.files[0])} could not be written (${code})`);
    return e;
  }

  /** Looks at the paths every second too, so that a loss is found (and saved) while nothing is written. */
  startWatching(everyMs = 1000): void {
    this.watch = setInterval(() => this.problem(), everyMs);
    this.watch.unref();
  }

  stopWatching(): void {
    clearInterval(this.watch);
  }
}

/** The store's errors in the ledger's terms live with the core; kept here for the adapters' imports. */
export { diskFull, diskFullOr, unavailable } from '../core/store-errors';
