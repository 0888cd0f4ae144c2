/**
 * Picks up new, changed or removed files under seeds/ while the product runs. Events are debounced, but a
 * steady stream of them still refreshes every `maxWaitMs`; refreshes never overlap; the index re-reads only the
 * files whose content changed.
 *
 * The folder itself may be deleted, re-created or replaced (an admin swapping in a new copy, a deploy moving a
 * symlink). A watch on a folder dies with that folder, so the watcher also watches the parent for the folder's
 * name and checks the folder's identity every `pollMs` (for a parent it cannot watch, or a replacement that left
 * no event), and re-arms on any sign of either. While the folder is missing, the reports already loaded stay:
 * a folder that disappears mid-replacement is not "every report was withdrawn".
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../log.js';

export interface WatchOptions {
  /** Quiet time after the last change before refreshing. */
  debounceMs?: number;
  /** Longest a change waits for a refresh while changes keep arriving. */
  maxWaitMs?: number;
  /** How often the folder's identity is checked. */
  pollMs?: number;
  log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export function watchSeeds(dir: string, onChange: () => Promise<void>, options: WatchOptions = {}): () => void {
  const { debounceMs = 300, maxWaitMs = 2000, pollMs = 1000, log } = options;
  const name = basename(dir);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pendingSince: number | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let folder: FSWatcher | undefined;
  let parent: FSWatcher | undefined;
  let identity = identityOf(dir);
  let reportedGone = false;
  // The poll retries a watch that failed every pollMs; the reason is worth one line, not one a second.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    log?.warn(message);
  };

  const refresh = () => {
    pendingSince = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (!identityOf(dir)) {
      if (!reportedGone) log?.warn(`seeds folder ${dir} is gone; keeping the reports already loaded until it is back`);
      reportedGone = true;
      return;
    }
    reportedGone = false;
    running = onChange()
      .catch((e: unknown) =>
        log?.error(`refreshing the reports from ${dir} failed: ${(e as Error)?.message ?? String(e)}`, e),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          refresh();
        }
      });
  };

  /** Debounced, but never postponed past maxWaitMs after the first change still waiting. */
  const changed = () => {
    if (stopped) return;
    const now = Date.now();
    pendingSince ??= now;
    clearTimeout(timer);
    timer = setTimeout(refresh, Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now)));
  };

  /** Watches the folder as it is now (if it exists), dropping any watch on the folder it was before. */
  const rearm = () => {
    folder?.close();
    identity = identityOf(dir);
    folder = identity
      ? watchSafely(
          dir,
          (file) => {
            // The folder's own name: the folder was deleted or moved, and this watch is dead.
            if (file === name) rearm();
            changed();
          },
          () => {
            folder?.close();
            folder = undefined;
          },
          warnOnce,
        )
      : undefined;
  };

  const watchParent = () => {
    parent = watchSafely(
      dirname(dir),
      (file) => {
        if (file !== null && file !== name) return;
        rearm();
        changed();
      },
      () => {
        parent?.close();
        parent = undefined;
      },
      warnOnce,
    );
  };

  const poll = setInterval(() => {
    if (!parent) watchParent();
    const now = identityOf(dir);
    if (now === identity && (folder || !now)) return;
    rearm();
    changed();
  }, pollMs);
  // The watchers keep the process alive while it watches; the poll alone should not.
  poll.unref();
  rearm();
  watchParent();

  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(poll);
    folder?.close();
    parent?.close();
  };
}

/** "device:inode" of the folder, or undefined when there is no folder there. */
function identityOf(dir: string): string | undefined {
  try {
    const s = statSync(dir);
    return s.isDirectory() ? `${s.dev}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * fs.watch that reports instead of throwing: a folder can vanish between the check and the call, and an
 * FSWatcher's 'error' event with no listener would take the whole process down.
 */
function watchSafely(
  path: string,
  onEvent: (file: string | null) => void,
  onDead: () => void,
  warn: (message: string) => void,
): FSWatcher | undefined {
  try {
    const w = watch(path, (_event, file) => onEvent(file === null ? null : String(file)));
    w.on('error', (e) => {
      warn(`stopped watching ${path}: ${e.message}`);
      onDead();
    });
    return w;
  } catch (e) {
    warn(`cannot watch ${path}: ${(e as Error).message}`);
    return undefined;
  }
}
