import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE, FolderLister, REPORTS_IN_FOLDER } from '../packages/cli/src/files.ts';

/** tinyglobby's own listing of a folder, as the command listed each folder before `FolderLister`. */
const globbed = (folder: string, ignore: string[]) =>
  globSync(REPORTS_IN_FOLDER, { cwd: folder, absolute: true, dot: false, ignore, expandDirectories: false }).sort();

const listed = (folder: string, ignore: string[]) => {
  const lister = FolderLister.for(ignore);
  if (!lister) throw new Error('no lister');
  return lister.list(folder).sort();
};

// Names a report folder may hold: reports of each extension and others, dot names, tool folders, the pack and config
// files, glob syntax and spaces in names, Chinese names.
const FOLDERS = ['a', 'b', 'sub dir', '报告', '.hidden', '.git', 'node_modules', 'dist', 'drafts', 'archive', 'x[1]', '(2024)'];
const FILES = [
  'r.md',
  'R.MD',
  'n.markdown',
  't.txt',
  'y.yaml',
  'z.yml',
  'h.html',
  'i.htm',
  'p.pdf',
  'w.docx',
  'notes.csv',
  'a.md.bak',
  '.dot.md',
  'pack.yaml',
  'crossfoot.config.yaml',
  '年报.md',
  'q{1}.md',
  'keep.md',
];
const EXTRA_IGNORES = ['drafts', 'drafts/**', '**/archive/**', '*.txt', '**/*.yml', 'a/**', './b', 'sub dir/', '!keep.md', '**/报告/*.md', 'x[1]/**'];

type Tree = { files: string[]; folders: [string, Tree][] };
const tree: fc.Memo<Tree> = fc.memo((depth) =>
  fc.record({
    files: fc.uniqueArray(fc.constantFrom(...FILES), { maxLength: 5 }),
    folders: depth > 1 ? fc.uniqueArray(fc.tuple(fc.constantFrom(...FOLDERS), tree(depth - 1)), { maxLength: 3, selector: ([name]) => name }) : fc.constant([]),
  }),
);

describe('listing the folders named on the command line', () => {
  let base: string;
  let n = 0;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'crossfoot-lister-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const write = (root: string, t: Tree): string[] => {
    mkdirSync(root, { recursive: true });
    const folders = [root];
    for (const f of t.files) writeFileSync(join(root, f), '# 报告\n');
    for (const [name, sub] of t.folders) folders.push(...write(join(root, name), sub));
    return folders;
  };

  it('lists every folder as tinyglobby does, with the default ignore list and with patterns a config adds', () => {
    fc.assert(
      fc.property(tree(4), fc.subarray(EXTRA_IGNORES), fc.boolean(), (t, extra, links) => {
        const root = join(base, `t${n++}`);
        const folders = write(root, t);
        if (links) {
          // A link to a folder and one to a file, inside the tree; and one to a folder outside it.
          const outside = join(base, `outside${n}`);
          write(outside, { files: ['o.md', 'o.txt'], folders: [] });
          symlinkSync(outside, join(root, 'linked'));
          symlinkSync(folders[folders.length - 1] as string, join(root, 'inner-link'));
          if (t.files[0]) symlinkSync(join(root, t.files[0]), join(root, 'file-link.md'));
        }
        const ignore = [...DEFAULT_IGNORE, ...extra];
        for (const folder of folders) expect(listed(folder, ignore)).toEqual(globbed(folder, ignore));
      }),
      { numRuns: 150 },
    );
  });

  it('leaves out reports under dot folders and tool folders at any depth, and walks the folders between', () => {
    const root = join(base, 'fixed');
    write(root, {
      files: ['r.md'],
      folders: [
        ['.hidden', { files: ['h.md'], folders: [] }],
        ['a', { files: [], folders: [['b', { files: ['deep.md', 'notes.csv'], folders: [['.git', { files: ['g.md'], folders: [] }]] }]] }],
        ['node_modules', { files: ['m.md'], folders: [] }],
      ],
    });
    expect(listed(root, DEFAULT_IGNORE).map((f) => f.slice(root.length + 1))).toEqual(['a/b/deep.md', 'r.md']);
  });

  it('leaves to tinyglobby an ignore list with a pattern read from the folder itself', () => {
    expect(FolderLister.for([...DEFAULT_IGNORE, '/abs/**'])).toBeUndefined();
    expect(FolderLister.for([...DEFAULT_IGNORE, '../up/**'])).toBeUndefined();
    expect(FolderLister.for([...DEFAULT_IGNORE, 'here/../../up'])).toBeUndefined();
    expect(FolderLister.for([...DEFAULT_IGNORE, 'drafts/'])).toBeInstanceOf(FolderLister);
  });
});
