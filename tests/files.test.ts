import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFiles } from '../packages/cli/src/files.ts';

describe('the files a run checks', () => {
  let dir: string;
  const touch = (...paths: string[]) => {
    for (const path of paths) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), '# 报告\n');
    }
  };
  const uris = async (patterns: string[], ignore: string[] = []) => (await collectFiles(dir, patterns, ignore)).files.map((f) => f.uri);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes in the report files of a folder, sorted, leaving out dot-folders, tool folders and other extensions', async () => {
    touch('r/b.md', 'r/a.yaml', 'r/sub/c.txt', 'r/notes.csv', 'r/.drafts/d.md', 'r/node_modules/e.md', 'r/dist/f.md', 'r/pack.yaml');
    expect(await uris(['r'])).toEqual(['r/a.yaml', 'r/b.md', 'r/sub/c.txt']);
  });

  it('leaves out what the ignore list matches, relative to the working folder', async () => {
    touch('r/a.md', 'r/old/b.md', 'r/new/c.md');
    expect(await uris(['r'], ['r/old/**'])).toEqual(['r/a.md', 'r/new/c.md']);
  });

  it('keeps a file named on its own whatever its extension or the ignore list says', async () => {
    touch('r/old/b.md', 'r/notes.csv', 'r/dist/f.md');
    expect(await uris(['r/old/b.md', 'r/notes.csv', 'r/dist/f.md', 'r'], ['r/old/**'])).toEqual(['r/dist/f.md', 'r/notes.csv', 'r/old/b.md']);
  });

  it('names each file once, however many patterns reach it, and tells which patterns matched nothing', async () => {
    touch('r/a.md', 'r/b.md');
    const { files, missing } = await collectFiles(dir, ['r', 'r/a.md', 'r/*.md', 'nothing/*.md'], []);
    expect(files.map((f) => f.uri)).toEqual(['r/a.md', 'r/b.md']);
    expect(files[0]?.path).toBe(join(dir, 'r', 'a.md'));
    expect(missing).toEqual(['nothing/*.md']);
  });

  it('keeps thousands of files named one by one, as a shell expands a glob, inside an ignored folder', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `old/${String(i).padStart(4, '0')}.md`);
    touch(...names, 'old/extra.md');
    // Named one by one, each is kept although the ignore list matches it; the one not named is not taken in.
    expect(await uris([...names].reverse(), ['old/**'])).toEqual(names);
  });
});
