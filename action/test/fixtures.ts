import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, docsUrl, type Severity } from '@crossfoot/core';

/** A real 2018 report: line 10 states a total of 320 whose parts add up to 322. */
export const SEED = fileURLToPath(new URL('../../examples/huaning-2018.txt', import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `crossfoot-action-${prefix}-`));
}

/** `git` in `cwd`, with an identity and no user or system config. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

/** A git repository of reports: `reports/r01.txt` … copies of the seed, committed. Returns the folder and the commit. */
export function reportRepository(copies: number): { dir: string; sha: string } {
  const dir = tempDir('repo');
  mkdirSync(join(dir, 'reports'));
  for (let i = 1; i <= copies; i++) copyFileSync(SEED, join(dir, 'reports', reportName(i)));
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'reports');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD').trim() };
}

export function reportName(i: number): string {
  return `r${String(i).padStart(2, '0')}.txt`;
}

export function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const SUMS = 'cn-gov-disclosure-common/statement-sums';

/** A finding shaped like the seed's line 10, at `uri`:`line`. */
export function finding(uri: string, line: number, severity: Severity = 'error', ruleId = SUMS): Diagnostic {
  return {
    ruleId,
    severity,
    message: '全年通过政府信息公开网主动公开信息共 320，但其中各项之和为 322（53 + 48 + 207 + 14），多出 2',
    messageId: 'statement-sums',
    data: { total: '320', sum: '322' },
    uri,
    range: { start: { line, column: 19 }, end: { line, column: 23 } },
    related: [],
    expected: '322',
    actual: '320',
    arithmetic: { expression: '53 + 48 + 207 + 14 = 322', expected: '322', actual: '320', difference: '-2', precision: '精确比较' },
    url: docsUrl(ruleId),
  };
}
