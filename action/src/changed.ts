import { execFile } from 'node:child_process';
import { CrossfootError } from '@crossfoot/core';
import type { FileEntry } from 'crossfoot';

/** Runs git in `cwd` and returns its stdout; rejects with git's own message. */
export type Git = (args: string[], cwd: string) => Promise<string>;

export const runGit: Git = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });

/**
 * The files a pull request changes against its base (`git diff <base>...HEAD`: since the merge base),
 * relative to `cwd`, deleted files left out. `-z` keeps names with spaces or Chinese characters unquoted.
 */
export async function changedFiles(cwd: string, base: string, git: Git = runGit): Promise<Set<string>> {
  let out: string;
  try {
    out = await git(['diff', '--name-only', '--relative', '--diff-filter=d', '-z', `${base}...HEAD`], cwd);
  } catch (error) {
    throw new CrossfootError(
      'only-changed',
      `only-changed: git diff against the pull request's base ${base.slice(0, 12)} failed (${(error as Error).message.split('\n')[0]}); check out the whole history (actions/checkout with fetch-depth: 0)`,
    );
  }
  return new Set(out.split('\0').filter(Boolean));
}

/** The files of a run that the pull request changed, in the run's order. */
export function selectChanged(files: FileEntry[], changed: Set<string>): FileEntry[] {
  return files.filter((f) => changed.has(f.uri));
}
