/**
 * What may be read from the reports folder, checked before a single byte is read: only regular files, inside the
 * folder (symlinks resolved), within a size limit. A named pipe would block the read forever, a link to
 * /dev/zero would fill memory, a link to /etc/passwd would be indexed as a report; each is refused by name with
 * the real reason instead.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** Big enough for any real report (the largest in the corpus is well under 1 MB; PDFs with images are larger). */
export const DEFAULT_MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** A sidecar is a few lines of JSON; anything larger is not one. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

export type FileCheck =
  { ok: true; real: string; size: number; mtimeMs: number } | { ok: false; reason: string; missing?: true };

/** A file that passed checkFile but could not be read after all; the message is the reason to show. */
export class RefusedFile extends Error {}

/**
 * Resolves `path` and says whether it is a regular file inside `root` (already a real path) of at most
 * `maxBytes`. Nothing is opened: lstat, realpath and stat only.
 */
export function checkFile(path: string, root: string, maxBytes: number, limitHint: string): FileCheck {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (e) {
    return { ok: false, reason: errorReason(e), ...(code(e) === 'ENOENT' ? { missing: true as const } : {}) };
  }
  let real = path;
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(path);
    } catch (e) {
      return { ok: false, reason: `a symbolic link that cannot be followed: ${errorReason(e)}` };
    }
    if (!inside(real, root))
      return {
        ok: false,
        reason: `a symbolic link to ${real}${targetKind(real)}, outside the reports folder; it is not read (copy the file into the folder instead)`,
      };
  }
  let st: Stats;
  try {
    st = link.isSymbolicLink() ? statSync(real) : link;
  } catch (e) {
    return { ok: false, reason: errorReason(e) };
  }
  const kind = notRegular(st);
  if (kind) return { ok: false, reason: `${kind}, not a regular file; it is not opened` };
  if (st.size > maxBytes) {
    return {
      ok: false,
      reason: `the file is ${sizeText(st.size)}, over the limit of ${sizeText(maxBytes)} per file; ${limitHint}`,
    };
  }
  return { ok: true, real, size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * Reads a file that checkFile accepted. It is opened without blocking and without following a link, and checked
 * again once open, so a file swapped for a pipe or a link in between is still refused; at most `size` bytes
 * are read, so a file growing while it is read cannot exceed the limit either.
 */
export function readChecked(real: string, size: number): Buffer {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    throw new RefusedFile(errorReason(e));
  }
  try {
    const st = fstatSync(fd);
    const kind = notRegular(st);
    if (kind) throw new RefusedFile(`${kind}, not a regular file; it is not read`);
    const bytes = Buffer.alloc(Math.min(size, st.size));
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (e) {
    throw e instanceof RefusedFile ? e : new RefusedFile(errorReason(e));
  } finally {
    closeSync(fd);
  }
}

/** realpath of the reports folder, so links inside it are compared with what they really point to. */
export function realRoot(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

function inside(real: string, root: string): boolean {
  const rel = relative(root, real);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** " (a device)" for a link's target that is not a regular file, so the message says what it really is. */
function targetKind(real: string): string {
  try {
    const kind = notRegular(statSync(real));
    return kind ? ` (${kind})` : '';
  } catch {
    return '';
  }
}

function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** What an fs error means for the person who put the file there. */
export function errorReason(e: unknown): string {
  switch (code(e)) {
    case 'EACCES':
    case 'EPERM':
      return "permission denied: the indexer may not read it (check the file's permissions)";
    case 'ELOOP':
      return 'a symbolic link loop (the link points back to itself)';
    case 'ENOENT':
      return 'it does not exist (a broken link, or removed while indexing)';
    case 'EISDIR':
      return 'a folder, not a regular file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files open; try again';
    default:
      return (e as Error).message;
  }
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
