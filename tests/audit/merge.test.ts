import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Severity } from '@crossfoot/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function finding(uri: string, line: number, severity: Severity = 'error'): Diagnostic {
  const range = { start: { line, column: 2 }, end: { line, column: 5 } };
  return { ruleId: 'pack/rule', severity, message: `at ${line}`, messageId: 'm', data: {}, uri, range, related: [], url: 'u' };
}

const TOOL = { name: 'crossfoot', version: '0.1.0' };

/** A shard's JSON report with its members in the order given, written as `name`. */
function shard(name: string, members: [string, unknown][]): string {
  writeFileSync(join(dir, name), JSON.stringify(Object.fromEntries(members), null, 2));
  return name;
}

interface Merged {
  summary: { errors: number; warnings: number; perFile: { uri: string; errors: number; warnings: number }[] };
  files: { uri: string; issuer?: string; lines?: Record<string, string> }[];
  diagnostics: { uri: string; range: { start: { line: number } } }[];
}

async function merge(...names: string[]): Promise<Merged> {
  const run = await runCli(['report', 'merge', ...names], dir);
  expect(run.code, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as Merged;
}

describe('report merge of shards written by hand', () => {
  it('takes each file’s findings wherever its shard lists them: before its files, in runs apart, or for a file it does not list', async () => {
    const a = shard('a.json', [
      ['tool', TOOL],
      // Findings first, and those of a.md in two runs with b.md's between them.
      ['diagnostics', [finding('a.md', 3), finding('b.md', 1, 'warning'), finding('a.md', 1), finding('z.md', 9)]],
      [
        'files',
        [
          { uri: 'a.md', issuer: 'A', year: 2024, lines: { 1: 'first', 3: 'third' } },
          { uri: 'b.md', lines: { 1: 'only' } },
        ],
      ],
      ['rules', []],
    ]);
    const b = shard('b.json', [
      ['tool', TOOL],
      ['files', [{ uri: 'c.md' }]],
      ['diagnostics', []],
    ]);
    const merged = await merge(b, a);
    expect(merged.files.map((f) => f.uri)).toEqual(['a.md', 'b.md', 'c.md', 'z.md']);
    expect(merged.files[0]).toMatchObject({ issuer: 'A', lines: { 1: 'first', 3: 'third' } });
    expect(merged.diagnostics.map((d) => [d.uri, d.range.start.line])).toEqual([
      ['a.md', 1],
      ['a.md', 3],
      ['b.md', 1],
      ['z.md', 9],
    ]);
    expect(merged.summary).toMatchObject({ errors: 3, warnings: 1 });
    expect(merged.summary.perFile).toEqual([
      { uri: 'a.md', errors: 2, warnings: 0, infos: 0 },
      { uri: 'b.md', errors: 0, warnings: 1, infos: 0 },
      { uri: 'c.md', errors: 0, warnings: 0, infos: 0 },
      { uri: 'z.md', errors: 1, warnings: 0, infos: 0 },
    ]);
  });

  it('refuses findings of a file another shard lists, and a file listed twice', async () => {
    const a = shard('c.json', [
      ['tool', TOOL],
      ['files', [{ uri: 'a.md' }]],
      ['diagnostics', []],
    ]);
    const b = shard('d.json', [
      ['tool', TOOL],
      ['files', [{ uri: 'b.md' }]],
      ['diagnostics', [finding('a.md', 2)]],
    ]);
    const run = await runCli(['report', 'merge', a, b], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a\.md is in both c\.json and d\.json/);
    const twice = shard('e.json', [
      ['tool', TOOL],
      ['files', [{ uri: 'x.md' }, { uri: 'x.md' }]],
      ['diagnostics', []],
    ]);
    const again = await runCli(['report', 'merge', twice], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/x\.md is in both e\.json and e\.json/);
  });

  it('refuses shards of two versions, and a report that is not crossfoot’s', async () => {
    const a = shard('f.json', [
      ['tool', TOOL],
      ['files', []],
      ['diagnostics', []],
    ]);
    const b = shard('g.json', [
      ['tool', { name: 'crossfoot', version: '9.9.9' }],
      ['files', []],
      ['diagnostics', []],
    ]);
    const versions = await runCli(['report', 'merge', a, b], dir);
    expect(versions.code).toBe(2);
    expect(versions.stderr).toMatch(/g\.json was written by crossfoot 9\.9\.9, f\.json by 0\.1\.0/);
    const other = shard('h.json', [
      ['tool', { name: 'other' }],
      ['files', []],
      ['diagnostics', []],
    ]);
    expect((await runCli(['report', 'merge', other], dir)).stderr).toMatch(/h\.json is not a crossfoot JSON report/);
    const noFindings = shard('i.json', [
      ['tool', TOOL],
      ['files', []],
    ]);
    expect((await runCli(['report', 'merge', noFindings], dir)).stderr).toMatch(/i\.json is not a crossfoot JSON report/);
    const missing = await runCli(['report', 'merge', 'nowhere.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nowhere\.json as a JSON report: ENOENT/);
    mkdirSync(join(dir, 'folder.json'));
    const folder = await runCli(['report', 'merge', a, 'folder.json'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/cannot read folder\.json as a JSON report: EISDIR/);
  });
});
