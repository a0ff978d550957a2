import {
  closeSync,
  constants,
  copyFileSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CrossfootError } from '@crossfoot/core';

/** A piece of a rendered report: text, or text already encoded as UTF-8 (`ReportChunk` of the formatters). */
export type Chunk = string | Uint8Array;

/** Temporary files of writes under way, removed if the run is interrupted. */
const pending = new Set<string>();
/** Temporary folders of the run (a batch's kept documents), removed if it is interrupted. */
const folders = new Set<string>();

/**
 * Removes a folder the run made and what it holds, as `rmSync` with `recursive` does. A folder of files alone (a
 * batch's kept findings and documents) is emptied by name and removed: Node 20's `rmSync` loads a module of its own
 * (rimraf) and walks the folder, 2–6 ms of a small report's whole check. Anything else, a missing folder included,
 * goes to `rmSync`.
 */
export function removeFolder(folder: string): void {
  try {
    for (const name of readdirSync(folder)) unlinkSync(join(folder, name));
    rmdirSync(folder);
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Has `folder` removed if the run is interrupted while it exists; the function returned forgets it. */
export function removeOnInterrupt(folder: string): () => void {
  folders.add(folder);
  return () => folders.delete(folder);
}

/**
 * Writes a file whole or not at all: into a temporary file in the same folder, then renamed over the target
 * (atomic on one file system). A reader never sees half a report, and an interrupted run leaves the old file or
 * none, never a partial one.
 */
export function writeAtomic(path: string, data: string | Uint8Array | Iterable<Chunk>): void {
  if (inPlace(path)) {
    written(path, () => {
      if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(path, data);
      else writeChunks(path, data, 'w');
    });
  } else {
    atomically(path, (temp) => {
      if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(temp, data, { flag: 'wx' });
      else writeChunks(temp, data);
    });
  }
}

/** Copies a file whole or not at all, as `writeAtomic` writes one. */
export function copyAtomic(from: string, path: string): void {
  if (inPlace(path)) written(path, () => writeFileSync(path, readFileSync(from)));
  else atomically(path, (temp) => copyFileSync(from, temp, constants.COPYFILE_EXCL));
}

/**
 * Whether `path` is written where it is rather than replaced: a device, a pipe or a socket (`-o /dev/null`,
 * `-o /dev/stdout`, a named pipe) or a symbolic link, written through as a shell's `>` writes it. A file renamed over
 * one would replace it (run as root, `-o /dev/null` left a plain file in place of the device).
 */
function inPlace(path: string): boolean {
  try {
    return !lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Runs `write` on `path` itself, its errors said as `atomically` says them. */
function written(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new CrossfootError('output', `cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Makes `path` by `make`ing a temporary file beside it, then renaming that over it. */
function atomically(path: string, make: (temp: string) => void): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}-${pending.size}.tmp`);
  pending.add(temp);
  try {
    mkdirSync(dir, { recursive: true });
    make(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CrossfootError('output', `cannot write ${path}: ${(error as Error).message}`);
  } finally {
    pending.delete(temp);
  }
}

/** Bytes gathered before they are passed on (`coalesce`). */
const GATHERED = 1 << 16;

/**
 * Pieces of text gathered into pieces of at least 32,768 characters (the last one excepted): few enough writes, and
 * each piece small enough (about 64 KB as UTF-16 once flattened) to be made and dropped in V8's young generation.
 * Half a million characters went straight to the large-object space, kept until a full collection: a 41 MB JSON
 * report peaked 20 MiB higher.
 *
 * Pieces given as bytes (findings kept as UTF-8), and the text after them, are copied into one buffer of 64 KiB,
 * passed on when the next piece would not fit: whole pieces, so whole characters. That buffer is used again once the
 * caller asks for the next piece, so a caller writes or decodes each piece before going on; none holds on to one.
 */
export function* coalesce(chunks: Iterable<Chunk>): Generator<Chunk> {
  let pending = '';
  let buffer: Buffer | undefined;
  let used = 0;
  for (const chunk of chunks) {
    if (typeof chunk === 'string' && used === 0) {
      pending += chunk;
      if (pending.length >= 1 << 15) {
        yield pending;
        pending = '';
      }
      continue;
    }
    buffer ??= Buffer.allocUnsafe(GATHERED);
    const parts: Chunk[] = pending ? [pending, chunk] : [chunk];
    pending = '';
    for (const part of parts) {
      const size = typeof part === 'string' ? Buffer.byteLength(part) : part.length;
      if (used > 0 && used + size > GATHERED) {
        yield buffer.subarray(0, used);
        used = 0;
      }
      if (size > GATHERED) {
        // Too large to gather: passed on as it is.
        yield part;
        continue;
      }
      if (typeof part === 'string') buffer.write(part, used);
      else buffer.set(part, used);
      used += size;
    }
  }
  if (used > 0) yield (buffer as Buffer).subarray(0, used);
  if (pending) yield pending;
}

/** Writes `chunks` to a new file (`flag` `w`: to any file), in pieces (`coalesce`). */
export function writeChunks(file: string, chunks: Iterable<Chunk>, flag: 'wx' | 'w' = 'wx'): void {
  const fd = openSync(file, flag);
  try {
    for (const piece of coalesce(chunks)) {
      if (typeof piece === 'string') writeSync(fd, piece);
      else for (let done = 0; done < piece.length; ) done += writeSync(fd, piece, done, piece.length - done);
    }
  } finally {
    closeSync(fd);
  }
}

/** On SIGINT: removes the temporary files and folders under way and gives the exit status, 130 (128 + SIGINT). */
export function interrupted(): number {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A file still open there (Windows refuses to remove it): the folder is in the temporary folder, left for the system.
    }
  }
  folders.clear();
  return 130;
}
