import { statSync } from 'node:fs';
import { join } from 'node:path';
import { main, mergeShards } from 'crossfoot';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../packages/cli/src/progress.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

async function run(args: string[], cwd: string, tty: { isTTY: boolean; stderrIsTTY?: boolean }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    ...tty,
  });
  return { code, stdout, stderr };
}

describe('progress', () => {
  const dir = makeCorpus(3);

  it('is drawn on a terminal’s stderr — files done of all, rate, time left — and cleared before the report', async () => {
    const { stderr, stdout } = await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false, stderrIsTTY: true });
    expect(stderr).toMatch(/\r\x1b\[2K已检查 7\/7 份报告 · 每秒 [\d.]+ 份 · 约剩 0:00/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(stdout).not.toContain('\r');
    const en = await run(['check', 'reports', '--locale', 'en', '-o', 'out.json'], dir, { isTTY: true });
    expect(en.stderr).toMatch(/7\/7 reports checked · [\d.]+\/s · 0:00 left/);
  });

  it('is silent when stderr is not a terminal, and under --quiet', async () => {
    expect((await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false, stderrIsTTY: false })).stderr).toBe('');
    expect((await run(['check', 'reports', '--format', 'json', '--quiet'], dir, { isTTY: true, stderrIsTTY: true })).stderr).toBe('');
    expect((await run(['check', 'reports', '--format', 'json'], dir, { isTTY: false })).stderr).toBe('');
  });
});

describe('progress of report merge', () => {
  const dir = makeCorpus(3);

  it('tells how much of the shards is read, in bytes, up to all of them, and is cleared before the report', async () => {
    for (const i of [1, 2]) await run(['check', 'reports', '--shard', `${i}/2`, '--format', 'json', '-o', `s${i}.json`], dir, { isTTY: false });
    const sizes = ['s1.json', 's2.json'].map((f) => statSync(join(dir, f)).size);
    const events: ProgressEvent[] = [];
    const merged = mergeShards(dir, ['s1.json', 's2.json'], (e) => events.push(e));
    merged.close();
    expect(events.length).toBeGreaterThan(7);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['merge']));
    expect(new Set(events.map((e) => e.total))).toEqual(new Set([sizes[0]! + sizes[1]!]));
    const done = events.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(sizes[0]! + sizes[1]!);
    // The first shard read whole before the second begins.
    expect(done).toContain(sizes[0]);

    const { stderr, stdout } = await run(['report', 'merge', 's1.json', 's2.json'], dir, { isTTY: false, stderrIsTTY: true });
    expect(stderr).toMatch(/\r\x1b\[2K已读取分片 100% · 约剩 0:00/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(JSON.parse(stdout).summary.files).toBe(7);
    const en = await run(['report', 'merge', 's1.json', 's2.json', '--locale', 'en', '-o', 'merged.json'], dir, { isTTY: true });
    expect(en.stderr).toMatch(/\r\x1b\[2K100% of the shards read · 0:00 left/);
  });

  it('is silent when stderr is not a terminal, and under --quiet', async () => {
    for (const i of [1, 2]) await run(['check', 'reports', '--shard', `${i}/2`, '--format', 'json', '-o', `q${i}.json`], dir, { isTTY: false });
    expect((await run(['report', 'merge', 'q1.json', 'q2.json'], dir, { isTTY: false, stderrIsTTY: false })).stderr).toBe('');
    expect((await run(['report', 'merge', 'q1.json', 'q2.json', '--quiet'], dir, { isTTY: true, stderrIsTTY: true })).stderr).toBe('');
  });

  it('is cleared before a shard that is not a report is refused', async () => {
    const { code, stderr } = await run(['report', 'merge', 's1.json', 'reports'], dir, { isTTY: false, stderrIsTTY: true });
    expect(code).toBe(2);
    const cleared = stderr.lastIndexOf('\r\x1b[2K');
    expect(cleared).toBeGreaterThanOrEqual(0);
    expect(stderr.slice(cleared + 5)).toMatch(/cannot read reports as a JSON report/);
  });
});
