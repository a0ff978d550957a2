import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrossfootError } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { changedFiles, selectChanged } from '../src/changed.ts';
import { git, reportRepository, writeFile } from './fixtures.ts';

describe('only-changed file selection', () => {
  it('lists what a pull request adds or modifies since its base, not what it deletes, with names as they are', async () => {
    const { dir, sha: base } = reportRepository(3);
    writeFileSync(join(dir, 'reports', 'r02.txt'), '华宁县政务服务管理局2018年度\n');
    writeFile(join(dir, 'reports', '2019', '华宁县 年度报告.md'), '# 2019\n');
    rmSync(join(dir, 'reports', 'r03.txt'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'head');
    expect([...(await changedFiles(dir, base))].sort()).toEqual(['reports/2019/华宁县 年度报告.md', 'reports/r02.txt']);
  });

  it('compares with the merge base, so commits that landed on the base branch since do not count', async () => {
    const { dir, sha: base } = reportRepository(2);
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(join(dir, 'reports', 'r01.txt'), 'changed on the branch\n');
    git(dir, 'commit', '-qam', 'branch');
    git(dir, 'checkout', '-q', base);
    writeFileSync(join(dir, 'reports', 'r02.txt'), 'changed on the base\n');
    git(dir, 'commit', '-qam', 'base moved');
    const movedBase = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', 'feature');
    expect([...(await changedFiles(dir, movedBase))]).toEqual(['reports/r01.txt']);
  });

  it('is relative to a workspace below the repository root', async () => {
    const { dir, sha: base } = reportRepository(1);
    writeFile(join(dir, 'site', 'reports', 'a.md'), '# a\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'head');
    expect([...(await changedFiles(join(dir, 'site'), base))]).toEqual(['reports/a.md']);
  });

  it('explains a missing base (a shallow checkout) instead of checking nothing', async () => {
    const { dir } = reportRepository(1);
    const error = await changedFiles(dir, 'f'.repeat(40)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrossfootError);
    expect((error as CrossfootError).message).toMatch(/fetch-depth: 0/);
  });

  it('passes the base to git diff with the three-dot range', async () => {
    const calls: string[][] = [];
    const changed = await changedFiles('/ws', 'abc123', async (args) => {
      calls.push(args);
      return 'reports/a.md\0reports/b.md\0';
    });
    expect(calls[0]).toContain('abc123...HEAD');
    expect(calls[0]).toContain('--name-only');
    expect([...changed]).toEqual(['reports/a.md', 'reports/b.md']);
  });

  it('keeps the files of the run that changed, in the run order', () => {
    const files = ['reports/a.md', 'reports/b.md', 'reports/c.md'].map((uri) => ({ uri, path: `/ws/${uri}` }));
    expect(selectChanged(files, new Set(['reports/c.md', 'README.md', 'reports/a.md'])).map((f) => f.uri)).toEqual(['reports/a.md', 'reports/c.md']);
  });
});
