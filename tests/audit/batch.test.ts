import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { type BatchResult, type FormatInput, format, formatterNames, runBatch, Session } from 'crossfoot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobs, likelyPaired } from '../../packages/cli/src/batch.ts';
import { type PoolFactory, threadsPool } from '../../packages/cli/src/pool.ts';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

/** Starting worker threads from the TypeScript sources takes a while on a busy machine. */
const SLOW = 300_000;

const options = { locale: 'zh-CN' as const, color: false, toolVersion: '0.1.0' };

describe('the default number of threads', () => {
  it('is one per 1.4 cores: a checking thread keeps about 1.4 cores busy, so two cores run one', () => {
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultJobs(cores))).toEqual([1, 1, 2, 2, 5, 11]);
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultJobs(cores, 599))).toEqual([1, 1, 2, 2, 5, 11]);
  });

  it('grows past that on a long run, which repays each thread the time it takes to get up to speed, up to one a core', () => {
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultJobs(cores, 600))).toEqual([1, 2, 2, 2, 5, 11]);
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultJobs(cores, 2100))).toEqual([1, 2, 3, 4, 5, 11]);
    expect([1, 2, 3, 4, 8, 16].map((cores) => defaultJobs(cores, 100_000))).toEqual([1, 2, 3, 4, 8, 16]);
  });
});

describe('reports kept between the passes of a batch', () => {
  const entry = (uri: string) => ({ uri, path: uri });

  it('are those whose paths name a year next to a year another path names', () => {
    const files = ['r/2023/a.md', 'r/2024/a.md', 'r/2026/b.md', 'r/x.md', 'r/某局2019年报告.pdf', 'r/某局2020年报告.pdf'].map(entry);
    expect([...likelyPaired(files)].sort()).toEqual(['r/2023/a.md', 'r/2024/a.md', 'r/某局2019年报告.pdf', 'r/某局2020年报告.pdf']);
    expect(likelyPaired(['r/a.md', 'r/b.md', 'r/2024/c.md'].map(entry)).size).toBe(0);
  });

  it(
    'decide nothing but speed: reports named without years are paired with last year’s just the same',
    async () => {
      const dir = makeCorpus(4);
      for (const issuer of readdirSync(join(dir, 'reports'))) {
        for (const name of readdirSync(join(dir, 'reports', issuer))) {
          const [stem, ext] = name.split('.') as [string, string];
          renameSync(join(dir, 'reports', issuer, name), join(dir, 'reports', issuer, `${String.fromCharCode(97 + (Number(stem) % 26))}.${ext}`));
        }
      }
      const session = await Session.create({ cwd: dir });
      const serial = await session.run(await session.files(['reports']));
      const batch = await runBatch({ cwd: dir, patterns: ['reports'], jobs: 1 });
      expect(serial.diagnostics.some((d) => d.ruleId === 'cn-gov-disclosure-2021/carried-over-from-previous')).toBe(true);
      expect(format('json', batch, options)).toBe(format('json', serial, options));
    },
    SLOW,
  );
});

describe('batch runs in worker threads', () => {
  const dir = makeCorpus(12);
  let serial: FormatInput;
  let one: BatchResult;
  let two: BatchResult;

  beforeAll(async () => {
    const session = await Session.create({ cwd: dir });
    serial = await session.run(await session.files(['reports']));
    one = await runBatch({ cwd: dir, patterns: ['reports'], jobs: 1 });
    two = await runBatch({ cwd: dir, patterns: ['reports'], jobs: 2 });
  }, SLOW);

  it('run in the main thread with --jobs 1, and in it and one worker thread with --jobs 2', () => {
    expect(one.stats).toMatchObject({ files: 26, checked: 26, threads: 0 });
    expect(two.stats).toMatchObject({ files: 26, checked: 26, threads: 1 });
  });

  it(
    'share the reports between the main thread and the worker thread, with the same findings',
    async () => {
      let inWorkers = 0;
      const pool: PoolFactory = (o) => {
        const workers = threadsPool(o, 2);
        return {
          ...workers,
          run: (task) => {
            if (task.kind === 'check') inWorkers++;
            return workers.run(task);
          },
        };
      };
      const shared = await runBatch({ cwd: dir, patterns: ['reports'], jobs: 2, pool });
      expect(shared.stats).toMatchObject({ files: 26, checked: 26, threads: 1 });
      expect(inWorkers).toBeGreaterThan(0);
      expect(inWorkers).toBeLessThan(26);
      expect(format('json', shared, options)).toBe(format('json', serial, options));
    },
    SLOW,
  );

  it(
    'stop with the error of a worker thread that fails, the main thread’s reports notwithstanding',
    async () => {
      let calls = 0;
      let closed = false;
      const pool: PoolFactory = (o) => ({
        threads: o.threads,
        run: () => {
          calls++;
          return Promise.reject(new Error('a worker thread stopped (exit code 1)'));
        },
        close: async () => {
          closed = true;
        },
      });
      await expect(runBatch({ cwd: dir, patterns: ['reports'], jobs: 2, pool })).rejects.toThrow('a worker thread stopped (exit code 1)');
      // The lanes stop taking reports once one has failed: the workers were not handed all 26.
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThan(26);
      expect(closed).toBe(true);
    },
    SLOW,
  );

  it.each(formatterNames)('give the %s report of the serial Session.run, byte for byte, whatever --jobs is', (name) => {
    const expected = format(name, serial, options);
    expect(format(name, one, options)).toBe(expected);
    expect(format(name, two, options)).toBe(expected);
  });

  it('pair each 2024 report with its issuer’s 2023 report', () => {
    const carried = serial.diagnostics.filter((d) => d.ruleId === 'cn-gov-disclosure-2021/carried-over-from-previous');
    expect(carried.length).toBeGreaterThan(0);
    expect(new Set(two.diagnostics.filter((d) => d.ruleId === 'cn-gov-disclosure-2021/carried-over-from-previous').map((d) => d.uri))).toEqual(
      new Set(carried.map((d) => d.uri)),
    );
  });

  it(
    'write byte-identical JSON from the command line with --jobs 1 and --jobs 2',
    async () => {
      const a = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir);
      const b = await runCli(['check', 'reports', '--jobs', '2', '--format', 'json'], dir);
      expect(a.code, a.stderr).toBe(1);
      expect(b.code, b.stderr).toBe(1);
      expect(b.stdout).toBe(a.stdout);
    },
    SLOW,
  );

  it(
    'give the same findings on tinypool',
    async () => {
      const pooled = await runBatch({ cwd: dir, patterns: ['reports'], jobs: 3, pool: 'tinypool' });
      // The main thread checks reports beside the two it starts.
      expect(pooled.stats.threads).toBe(2);
      expect(format('json', pooled, options)).toBe(format('json', serial, options));
    },
    SLOW,
  );

  it('keep of each report only the lines its findings show', () => {
    const file = two.files.find((f) => f.uri === 'reports/bureau-000/2024.md');
    const text = readFileSync(join(dir, 'reports/bureau-000/2024.md'), 'utf8').split('\n');
    const lines = Object.entries(file?.lines ?? {});
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(text.length / 2);
    for (const [n, line] of lines) expect(line).toBe(text[Number(n) - 1]);
    expect(file).toMatchObject({ issuer: '江州市交通运输局', year: 2024 });
  });
});
