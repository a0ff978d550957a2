import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

/** Every format a merged report can be written in. */
const FORMATS = ['json', 'html', 'sarif', 'stylish', 'junit', 'github', 'markdown', 'csv'];

interface Report {
  files: { uri: string }[];
  diagnostics: { uri: string; ruleId: string }[];
}

describe.each([2, 3])('--shard i/%i and report merge', (SHARDS) => {
  const dir = makeCorpus(15);
  const whole: Record<string, string> = {};
  const shards: Report[] = [];

  beforeAll(async () => {
    for (const format of FORMATS) {
      const run = await runCli(['check', 'reports', '--format', format], dir);
      expect(run.code, run.stderr).toBe(1);
      whole[format] = run.stdout;
    }
    const quiet = await runCli(['check', 'reports', '--format', 'json', '--quiet'], dir);
    expect(quiet.code, quiet.stderr).toBe(1);
    whole.quiet = quiet.stdout;
    for (let i = 1; i <= SHARDS; i++) {
      const run = await runCli(['check', 'reports', '--shard', `${i}/${SHARDS}`, '--format', 'json', '-o', `shard-${i}.json`], dir);
      expect(run.code, run.stderr).toBeLessThanOrEqual(1);
      shards.push(JSON.parse(readFileSync(join(dir, `shard-${i}.json`), 'utf8')));
    }
  }, 300_000);

  it('split the files: each in exactly one shard', () => {
    const all = (JSON.parse(whole.json as string) as Report).files.map((f) => f.uri);
    const split = shards.flatMap((s) => s.files.map((f) => f.uri));
    expect(split.sort()).toEqual([...all].sort());
    for (const s of shards) expect(s.files.length).toBeGreaterThan(0);
  });

  it('find, together, exactly what the whole run finds — last year’s reports in other shards included', () => {
    const key = (d: unknown) => JSON.stringify(d);
    const together = shards.flatMap((s) => s.diagnostics.map(key)).sort();
    expect(together).toEqual((JSON.parse(whole.json as string) as Report).diagnostics.map(key).sort());
    // The corpus really splits years of one issuer across shards.
    const shardOf = new Map(shards.flatMap((s, i) => s.files.map((f) => [f.uri, i] as const)));
    const split = [...shardOf.keys()].filter(
      (uri) => uri.endsWith('2024.md') && shardOf.has(uri.replace('2024.md', '2023.md')) && shardOf.get(uri) !== shardOf.get(uri.replace('2024.md', '2023.md')),
    );
    expect(split.length).toBeGreaterThan(0);
    const txt = [...shardOf.keys()].filter((uri) => uri.endsWith('2019.txt') && shardOf.get(uri) !== shardOf.get(uri.replace('2019.txt', '2018.txt')));
    expect(txt.length).toBeGreaterThan(0);
  });

  it.each(FORMATS)('merge into the whole run’s %s report, byte for byte', async (format) => {
    const names = shards.map((_, i) => `shard-${i + 1}.json`);
    const merged = await runCli(['report', 'merge', ...names.reverse(), '--format', format], dir);
    expect(merged.code, merged.stderr).toBe(1);
    expect(merged.stdout).toBe(whole[format]);
  });

  it('writes the merged report to a file with the summary on stderr', async () => {
    const names = shards.map((_, i) => `shard-${i + 1}.json`);
    const merged = await runCli(['report', 'merge', ...names, '--format', 'html', '-o', 'audit/all.html'], dir);
    expect(merged.code).toBe(1);
    expect(readFileSync(join(dir, 'audit/all.html'), 'utf8')).toBe(whole.html);
    expect(merged.stderr).toMatch(/报告已写入 audit\/all\.html/);
  });

  it('merge with --quiet into what the whole run writes with it, and exit as --max-warnings says', async () => {
    const names = shards.map((_, i) => `shard-${i + 1}.json`);
    const quiet = await runCli(['report', 'merge', ...names, '--quiet'], dir);
    expect(quiet.code, quiet.stderr).toBe(1);
    expect(quiet.stdout).toBe(whole.quiet);
    const report = JSON.parse(whole.json as string) as { summary: { errors: number; warnings: number } };
    expect(report.summary.errors).toBeGreaterThan(0);
    // Exit 1 comes from the errors whatever --max-warnings allows; the summary on stderr counts what was merged.
    const allowed = await runCli(['report', 'merge', ...names, '--max-warnings', String(report.summary.warnings), '-o', 'merged.json'], dir);
    expect(allowed.code).toBe(1);
    expect(allowed.stderr).toContain(`${report.summary.errors} 个错误，${report.summary.warnings} 个警告`);
  });

  it('refuse a shard cut short or with a finding that is not one, naming the file and the byte', async () => {
    const text = readFileSync(join(dir, 'shard-1.json'), 'utf8');
    // Cut inside a finding: in the middle of its rule's name.
    const inside = text.indexOf('"ruleId"', Math.floor(text.length / 2));
    expect(inside).toBeGreaterThan(0);
    writeFileSync(join(dir, 'cut.json'), text.slice(0, inside + 3));
    const cut = await runCli(['report', 'merge', 'shard-2.json', 'cut.json'], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cannot read cut\.json as a JSON report: the file ends inside a value at byte \d+/);
    const report = JSON.parse(text) as { diagnostics: { range?: unknown }[] };
    expect(report.diagnostics.length).toBeGreaterThan(1);
    delete report.diagnostics[1]?.range;
    writeFileSync(join(dir, 'odd.json'), JSON.stringify(report, null, 2));
    const odd = await runCli(['report', 'merge', 'odd.json', 'shard-2.json', '-o', 'never.json'], dir);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/odd\.json is not a crossfoot JSON report: its finding 2 is not one/);
    expect(() => readFileSync(join(dir, 'never.json'))).toThrow();
  });

  it('refuses reports that are not shards of one run', async () => {
    const twice = await runCli(['report', 'merge', 'shard-1.json', 'shard-1.json'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is in both shard-1\.json and shard-1\.json/);
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    const other = await runCli(['report', 'merge', 'shard-1.json', 'other.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/other\.json is not a crossfoot JSON report/);
    expect((await runCli(['report'], dir)).code).toBe(2);
  });

  it('keep every file in its shard when files are added (shards go by a hash of the path)', async () => {
    const before = shards.map((s) => new Set(s.files.map((f) => f.uri)));
    makeCorpus(20, dir);
    for (let i = 1; i <= SHARDS; i++) {
      const run = await runCli(['check', 'reports', '--shard', `${i}/${SHARDS}`, '--format', 'json'], dir);
      const after = new Set((JSON.parse(run.stdout) as Report).files.map((f) => f.uri));
      for (const uri of before[i - 1] as Set<string>) expect(after.has(uri), uri).toBe(true);
    }
  }, 300_000);
});
