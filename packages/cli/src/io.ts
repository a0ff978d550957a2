/** Where a command runs and writes: its working directory, stdout and stderr, and whether they are terminals. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress); default: `isTTY`. */
  stderrIsTTY?: boolean;
}

export const defaultIo = (): Io => ({
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
  stderrIsTTY: !!process.stderr.isTTY,
});
