import { fstatSync, type Stats, statSync, writeSync } from 'node:fs';

/** Where a command runs and writes: its working directory, stdout and stderr, and whether they are terminals. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress); default: `isTTY`. */
  stderrIsTTY?: boolean;
  /** The environment's settings the command reads (`CROSSFOOT_TIMING`); default: the process's. */
  env?: Record<string, string | undefined>;
}

/**
 * The process's own stdout and stderr. Node makes its stream of either when it is first used, loading its stream
 * modules (and, for a pipe, its network ones): about 6 ms of a start. A file, pipe, socket or the null device is
 * written directly instead, and whether a stream is a terminal is asked only of another device; a run that writes its
 * report to a file never makes a stream of stdout.
 */
export const defaultIo = (): Io => {
  let stdoutTTY: boolean | undefined;
  let stderrTTY: boolean | undefined;
  return {
    cwd: process.cwd(),
    stdout: directWriter(1, () => process.stdout),
    stderr: directWriter(2, () => process.stderr),
    get isTTY() {
      stdoutTTY ??= mayBeTerminal(1) && !!process.stdout.isTTY;
      return stdoutTTY && !process.env.NO_COLOR;
    },
    get stderrIsTTY() {
      stderrTTY ??= mayBeTerminal(2) && !!process.stderr.isTTY;
      return stderrTTY;
    },
  };
};

/**
 * Whether `fd` may be a terminal: anything but a file, a pipe, a socket or the null device (any other device, or a
 * descriptor that cannot be looked at). Output sent to `/dev/null`, as scripts and CI steps often send it, is written
 * directly: asking Node's stream whether it is a terminal would make the stream.
 */
export function mayBeTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return !(stat.isFile() || stat.isFIFO() || stat.isSocket() || isNullDevice(stat));
  } catch {
    return true;
  }
}

/** The null device's device number, looked up once (null where there is no `/dev/null`). */
let nullDevice: number | null | undefined;

function isNullDevice(stat: Stats): boolean {
  if (!stat.isCharacterDevice()) return false;
  if (nullDevice === undefined) {
    try {
      nullDevice = statSync('/dev/null', { throwIfNoEntry: false })?.rdev ?? null;
    } catch {
      nullDevice = null;
    }
  }
  return nullDevice !== null && stat.rdev === nullDevice;
}

/**
 * Writes to `fd` directly (`write`) when it is a file, a pipe, a socket or the null device, else through `stream`. Should a direct write
 * fail (a pipe another process made non-blocking and that is full, a reader gone), what is left of it and every later
 * write go through the stream, which deals with it as Node does.
 */
export function directWriter(
  fd: number,
  stream: () => { write(data: string | Uint8Array): unknown },
  write: typeof writeSync = writeSync,
): (text: string) => void {
  let direct: boolean | undefined;
  return (text) => {
    direct ??= !mayBeTerminal(fd);
    if (!direct) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += write(fd, bytes, done, bytes.length - done);
    } catch {
      direct = false;
      stream().write(bytes.subarray(done));
    }
  };
}
