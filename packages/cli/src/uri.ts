import { relative, sep } from 'node:path';

/** A path as reports and messages name it: relative to the working directory, with forward slashes. */
export function toUri(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/');
}
