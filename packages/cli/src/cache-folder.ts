/** Where `--cache` keeps its files when no folder is given, relative to the working directory. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/crossfoot';

/**
 * A recorded file time is trusted only for a file that had not changed for this long when it was looked at: a file
 * system that keeps times to the second (or two) could otherwise give an edit made just after the same times.
 */
export const SETTLED_MS = 2000;
