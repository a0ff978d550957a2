import v8 from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBatch } from '../../packages/cli/src/batch.ts';
import { BATCH_FLAGS, TUNED_RUN } from '../../packages/cli/src/compiler.ts';
import { makeReports, removeCorpora } from './corpus.ts';

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
    expect(setFlags.mock.calls).toEqual([[BATCH_FLAGS]]);
    await run(long, true);
    expect(setFlags).toHaveBeenCalledTimes(1);
    // Only the compiler's work changes: the findings are the same.
    expect(command.stats.files).toBe(TUNED_RUN);
    expect(command.diagnostics).toEqual(library.diagnostics);
    setFlags.mockRestore();
  }, 120_000);
});
