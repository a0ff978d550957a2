import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportDocument } from '@crossfoot/core';
import { readReportFile } from 'crossfoot';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = ['examples/jiangzhou-transport/2023.md', 'examples/jiangzhou-transport/formats/2023.yaml', 'examples/jiangzhou-transport/formats/2023.html'];

/** The figures rules read: every numbered row of every table with its path and values. */
function figures(doc: ReportDocument) {
  return doc.tables.map((t) => ({
    columns: t.columns.map((c) => c.label),
    rows: t.rows.map((r) => [r.path.join(' › '), r.label, r.kind === 'heading' ? [] : r.cells.map((c) => c.value ?? null)]),
  }));
}

describe('one report in three formats', () => {
  it('reads without problems and with the same meta, tables and statements', async () => {
    const docs = await Promise.all(files.map((f) => readReportFile(join(root, f), f)));
    for (const d of docs) expect(d.problems, d.uri).toEqual([]);
    const [md, ...others] = docs as [ReportDocument, ...ReportDocument[]];
    for (const d of others) {
      expect(figures(d), d.uri).toEqual(figures(md));
      expect(d.meta.period?.value).toEqual(md.meta.period?.value);
      expect(d.statements.map((s) => [s.total.value, ...s.parts.map((p) => p.value)])).toEqual(
        md.statements.map((s) => [s.total.value, ...s.parts.map((p) => p.value)]),
      );
    }
  });

  it('is recognised by the 2021 pack and found consistent in each format', async () => {
    for (const f of files) {
      const { code, stdout } = await runCli(['check', f, '--format', 'json'], root);
      expect(JSON.parse(stdout).diagnostics, f).toEqual([]);
      expect(code).toBe(0);
    }
  });
});
