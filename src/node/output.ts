import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FeedbackMinerError } from '../errors';

/** One short, one-line reason for a failed file-system call: the errno code in words, then the code. */
function reasonOf(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  const words: Record<string, string> = {
    ENOTDIR: 'a part of the path is a file, not a directory',
    EEXIST: 'it exists and is not a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    ENAMETOOLONG: 'the name is too long',
    EISDIR: 'it is a directory',
    ENOENT: 'no such file or directory',
  };
  if (typeof code === 'string' && words[code] !== undefined) return `${words[code]} (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split(/\r?\n/, 1)[0] ?? 'unknown error';
}

function ioError(where: string, what: string, cause: unknown): FeedbackMinerError {
  return new FeedbackMinerError('IO_ERROR', `${where}: cannot write ${what}: ${reasonOf(cause)}`, { where, cause });
}

/**
 * Makes sure `dir` exists (creating it and its parents) and that files can be created in it, before any long
 * computation whose result would be lost if the output could not be written.
 *
 * @throws FeedbackMinerError IO_ERROR with a one-line message naming the directory and the reason, e.g.
 *   `"ensureWritableDir: cannot create output folder /tmp/x/report or write in it: a part of the path is a file, not a directory (ENOTDIR)"`.
 * @example await ensureWritableDir('out/report') // => undefined; out/report exists and is writable
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  if (typeof dir !== 'string' || dir === '') {
    throw new FeedbackMinerError('INVALID_ARGUMENT', `ensureWritableDir: expected dir to be a non-empty string, found ${JSON.stringify(dir) ?? String(dir)}`, {
      where: 'ensureWritableDir',
    });
  }
  try {
    await mkdir(dir, { recursive: true });
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (cause) {
    // The CLI's own tests and users grep for "cannot create output folder"; the reason says which part failed.
    throw new FeedbackMinerError('IO_ERROR', `ensureWritableDir: cannot create output folder ${dir} or write in it: ${reasonOf(cause)}`, {
      where: 'ensureWritableDir',
      cause,
    });
  }
}

let temporaryCounter = 0;

/**
 * Writes `data` to `path` so that `path` is either absent, its old content, or the whole new content, never a
 * prefix: the data goes to a temporary file in the same directory (`<name>.partial-<pid>-<n>`), which is flushed
 * to disk (`fsync`) and then renamed over `path` (rename within one file system is atomic on POSIX, and replaces
 * the target on Windows). An interrupted run (SIGINT, a crash) leaves at most the `.partial-` file behind, whose
 * name does not look like the finished file. On failure the temporary file is removed.
 *
 * Cost: one write of `data` and one fsync.
 * @throws FeedbackMinerError IO_ERROR with a one-line message naming the file and the reason.
 * @example await writeFileAtomic('out/report.json', '{}') // => undefined; out/report.json holds "{}"
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path === '') {
    throw new FeedbackMinerError('INVALID_ARGUMENT', `writeFileAtomic: expected path to be a non-empty string, found ${JSON.stringify(path) ?? String(path)}`, {
      where: 'writeFileAtomic',
    });
  }
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new FeedbackMinerError('INVALID_ARGUMENT', 'writeFileAtomic: expected data to be a string or a Uint8Array', {
      where: 'writeFileAtomic',
    });
  }
  temporaryCounter += 1;
  const temporary = join(dirname(path), `${basename(path)}.partial-${process.pid}-${temporaryCounter}`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw ioError('writeFileAtomic', path, cause);
  }
  // Persist the rename itself; not every platform lets a directory be opened for fsync, so this is best effort.
  try {
    const directory = await open(dirname(path), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    // The file is complete and renamed; only its durability across a power loss is left to the OS.
  }
}
