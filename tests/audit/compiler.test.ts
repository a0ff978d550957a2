import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBatch } from '../../packages/cli/src/batch.ts';
import {
  BATCH_FLAGS,
  forgetTuning,
  GROWING_FLAGS,
  GROWING_RUN,
  LARGE_REPORT_FLAGS,
  MANY_REPORTS_FLAGS,
  OPTIMISE,
  TUNED_BYTES,
  TUNED_RUN,
  textOnly,
  threadCodeVariant,
  worthTuning,
} from '../../packages/cli/src/compiler.ts';
import { makeReports, ROOT, removeCorpora, tempDir } from './corpus.ts';

afterAll(removeCorpora);

describe('V8 tuned for a long batch', () => {
  it('has its flags set once a process, by the command only, and only for a run of many reports', async () => {
    // The flag is not really set: V8's flags are the whole process's, the test runner's included.
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    const short = makeReports(3);
    const long = makeReports(TUNED_RUN);
    const run = (cwd: string, tuneCompiler?: boolean) => runBatch({ cwd, patterns: ['.'], jobs: 1, tuneCompiler });
    // A program calling the library, however long its run: V8 as it found it.
    const library = await run(long);
    // The command, on a short run: not worth loading the module that sets it.
    await run(short, true);
    expect(setFlags).not.toHaveBeenCalled();
    const command = await run(long, true);
    // With a heap that grows more slowly: a run of many reports. The optimising compiler, which the bin turns off for a
    // short run, is on again.
    expect(setFlags.mock.calls).toEqual([[`${BATCH_FLAGS} ${GROWING_FLAGS} ${OPTIMISE} ${MANY_REPORTS_FLAGS}`]]);
    expect(OPTIMISE).toBe('--turbofan');
    // Its worker threads keep their code under the name of those flags.
    expect(threadCodeVariant()).toBe('thread-tuned');
    await run(long, true);
    expect(setFlags).toHaveBeenCalledTimes(1);
    // Only the compiler's work changes: the findings are the same.
    expect(command.stats.files).toBe(TUNED_RUN);
    expect(command.diagnostics).toEqual(library.diagnostics);
    setFlags.mockRestore();
  }, 120_000);

  it('has its flags set for one report when it is large, by the command only', async () => {
    forgetTuning();
    expect(threadCodeVariant()).toBe('thread');
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    // One report of `TUNED_BYTES`: the example's report and a paragraph of narrative repeated after it; and one a byte short.
    const example = readFileSync(join(ROOT, 'examples', 'jiangzhou-transport', '2024.md'), 'utf8');
    const paragraph = `\n本机关持续推进政务公开标准化规范化建设，及时回应社会关切。\n`;
    const sized = (bytes: number) => {
      const dir = tempDir();
      const room = bytes - Buffer.byteLength(example);
      const copies = Math.floor(room / Buffer.byteLength(paragraph));
      const pad = 'x'.repeat(room - copies * Buffer.byteLength(paragraph));
      writeFileSync(join(dir, 'report.md'), `${example}${paragraph.repeat(copies)}${pad}`);
      expect(Buffer.byteLength(readFileSync(join(dir, 'report.md')))).toBe(bytes);
      return dir;
    };
    const short = sized(TUNED_BYTES - 1);
    const large = sized(TUNED_BYTES);
    await runBatch({ cwd: large, patterns: ['.'], jobs: 1 });
    await runBatch({ cwd: short, patterns: ['.'], jobs: 1, tuneCompiler: true });
    expect(setFlags).not.toHaveBeenCalled();
    const command = await runBatch({ cwd: large, patterns: ['.'], jobs: 1, tuneCompiler: true });
    // A faster-growing heap, not the slower one: what one large report reads stays live until it is checked.
    expect(setFlags.mock.calls).toEqual([[`${BATCH_FLAGS} ${GROWING_FLAGS} ${OPTIMISE} ${LARGE_REPORT_FLAGS}`]]);
    expect(threadCodeVariant()).toBe('thread-tuned-large');
    expect(command.stats.files).toBe(1);
    setFlags.mockRestore();
  }, 120_000);

  it('lets the young generation grow, by the command only, from a run of some reports or one with worker threads', async () => {
    forgetTuning();
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    const few = makeReports(GROWING_RUN - 1);
    const some = makeReports(GROWING_RUN);
    const run = (cwd: string, jobs: number, tuneCompiler?: boolean) => runBatch({ cwd, patterns: ['.'], jobs, tuneCompiler });
    await run(some, 1);
    await run(few, 1, true);
    expect(setFlags).not.toHaveBeenCalled();
    await run(some, 1, true);
    expect(setFlags.mock.calls).toEqual([[GROWING_FLAGS]]);
    // A worker thread keeps its code for one set of flags: whatever the run's length, a run with threads grows it.
    await run(makeReports(3), 2, true);
    expect(setFlags.mock.calls).toEqual([[GROWING_FLAGS], [GROWING_FLAGS]]);
    // Not tuned: its threads keep their code under the name of V8's own flags.
    expect(threadCodeVariant()).toBe('thread');
    setFlags.mockRestore();
  }, 120_000);

  it('turns the optimising compiler on for a short run with a report that is not text, by the command only', async () => {
    forgetTuning();
    const setFlags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    const text = makeReports(3);
    const mixed = makeReports(3);
    copyFileSync(join(ROOT, 'packages', 'adapters', 'test', 'fixtures', 'published', 'report-2023.pdf'), join(mixed, 'report-2023.pdf'));
    const run = (cwd: string, tuneCompiler?: boolean) => runBatch({ cwd, patterns: ['.'], jobs: 1, tuneCompiler });
    await run(mixed);
    await run(text, true);
    expect(setFlags).not.toHaveBeenCalled();
    const command = await run(mixed, true);
    expect(command.stats.files).toBe(4);
    expect(setFlags.mock.calls).toEqual([[OPTIMISE]]);
    expect(threadCodeVariant()).toBe('thread');
    setFlags.mockRestore();
  }, 120_000);

  it('tells text reports from the others by their names', () => {
    expect(textOnly(['a/r.md', 'b.MARKDOWN', 'c.txt', 'd.yaml', 'e.yml', 'f.text'])).toBe(true);
    expect(textOnly([])).toBe(true);
    for (const other of ['r.pdf', 'r.docx', 'r.html', 'r.htm', 'r', 'r.md.pdf', 'md']) expect(textOnly(['a.md', other]), other).toBe(false);
  });

  it('judges a run long by its reports, or by their bytes, however they are split', () => {
    const dir = tempDir();
    const write = (name: string, bytes: number) => {
      writeFileSync(join(dir, name), 'x'.repeat(bytes));
      return join(dir, name);
    };
    const half = write('a.md', TUNED_BYTES / 2);
    const other = write('b.md', TUNED_BYTES / 2);
    const less = write('c.md', TUNED_BYTES / 2 - 1);
    expect(worthTuning(TUNED_RUN, [])).toBe(true);
    expect(worthTuning(TUNED_RUN - 1, [])).toBe(false);
    expect(worthTuning(2, [half, other])).toBe(true);
    expect(worthTuning(2, [half, less])).toBe(false);
    // A file gone since it was listed counts for nothing; its reading reports it.
    expect(worthTuning(2, [half, join(dir, 'gone.md')])).toBe(false);
  });
});
