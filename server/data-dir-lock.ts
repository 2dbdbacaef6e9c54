/**
 * One writer per PGlite data directory. PGlite is a single-process database: two processes
 * that open the same directory both run, both acknowledge writes, and each overwrites the
 * other's files, so acknowledged answers vanish after a restart. A lock file beside the
 * directory (`<dataDir>.lock`, holding the owner's pid) makes the second process refuse to
 * start instead. A lock left by a process that no longer runs (a crash, kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { OfflineReviewError } from '../src/errors.js';

/** A held lock; `release` removes the file if it is still ours (idempotent). */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host?: string;
  startedAt?: string;
}

// Locks this process holds: opening the same directory twice in one process is refused too,
// while a lock file naming our pid but not held here is a stale one (a container restarted
// with the same pid).
const heldHere = new Set<string>();

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return Number.isSafeInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

/** True when a process with this pid runs on this machine (EPERM: it runs as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of `dataDir` for this process. Resolves the lock; throws
 * OfflineReviewError('storage-unavailable') naming the directory and the live process that
 * holds it (details: dataDir, lockFile, pid).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const path = `${dir}.lock`;
  if (heldHere.has(path)) {
    throw new OfflineReviewError('storage-unavailable', `The PGlite data directory ${dir} is already open in this process (pid ${process.pid}).`, {
      details: { dataDir: dir, lockFile: path, pid: process.pid },
    });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) {
      // Two processes taking over the same stale lock at once: only the last writer may go on.
      if (readHolder(path)?.pid === process.pid) return held(path);
      continue;
    }
    const holder = readHolder(path);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new OfflineReviewError(
        'storage-unavailable',
        `The PGlite data directory ${dir} is in use by process ${holder.pid}` +
          `${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''} (lock file ${path}). ` +
          'PGlite allows one process per directory: stop that process, or use PostgreSQL (DATABASE_URL) to run several. ' +
          'If no offline-review server runs with that pid, delete the lock file.',
        { details: { dataDir: dir, lockFile: path, pid: holder.pid } },
      );
    }
    // Stale (its process is gone) or unreadable: take it over, unless it changed meanwhile.
    if (readHolder(path)?.pid !== holder?.pid) continue;
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new OfflineReviewError('storage-unavailable', `Could not take the lock ${path} of the PGlite data directory ${dir}.`, {
    details: { dataDir: dir, lockFile: path },
  });
}

function held(path: string): DataDirLock {
  heldHere.add(path);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    if (readHolder(path)?.pid !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  // A process that exits without closing the store (an uncaught error) still frees it.
  process.on('exit', release);
  return { path, release };
}
