import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const seed = fileURLToPath(new URL('../examples/huaning-2018.txt', import.meta.url));

/** A folder with the seed report (about 15 KB) and a config whose limits say no report over 4 KB is read. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossfoot-limits-'));
  copyFileSync(seed, join(dir, 'report.txt'));
  writeFileSync(join(dir, 'crossfoot.config.yaml'), 'packs: [cn-gov-disclosure-2008]\nlimits:\n  file-size-mb: 0.004\n');
  return dir;
}

describe("the config's limits", () => {
  it('hold for check, inspect and import alike: the report is too large, a located error on line 1', async () => {
    const dir = project();
    const check = await runCli(['check', 'report.txt', '--format', 'json'], dir);
    expect(check.code).toBe(1);
    const checked = JSON.parse(check.stdout) as { diagnostics: { ruleId: string; range: { start: { line: number; column: number } } }[] };
    expect(checked.diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.column])).toEqual([['crossfoot/file-too-large', 1, 1]]);

    const inspect = await runCli(['inspect', 'report.txt', '--json'], dir);
    const doc = JSON.parse(inspect.stdout) as { problems: { code: string; range: { start: { line: number; column: number } } }[]; tables: unknown[] };
    expect(doc.problems.map((p) => [p.code, p.range.start.line, p.range.start.column])).toEqual([['file-too-large', 1, 1]]);
    expect(doc.tables).toEqual([]);

    const imported = await runCli(['import', 'report.txt'], dir);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('report.txt:1:1: error:');
    expect(imported.stderr).toContain('[file-too-large]');
  });

  it('without a config, the same report is read in full by inspect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossfoot-limits-'));
    copyFileSync(seed, join(dir, 'report.txt'));
    const inspect = await runCli(['inspect', 'report.txt', '--json'], dir);
    const doc = JSON.parse(inspect.stdout) as { problems: { code: string }[]; tables: unknown[] };
    expect(doc.problems.map((p) => p.code)).not.toContain('file-too-large');
    expect(doc.tables.length).toBeGreaterThan(0);
  });
});
