import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportDocument } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseText, toMarkdown } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const seed = readFileSync(join(here, 'fixtures/seed-2018.txt'), 'utf8');

/** What rules see, without where it was written. */
function facts(doc: ReportDocument) {
  return {
    meta: {
      title: doc.meta.title?.value,
      issuer: doc.meta.issuer?.value,
      year: doc.meta.year?.value,
      period: doc.meta.period?.value,
      published: doc.meta.published?.value,
    },
    sections: doc.sections.map((s) => s.title),
    tables: doc.tables.map((t) => ({
      caption: t.caption,
      columns: t.columns.map((c) => c.label),
      // A cell left out and a cell left blank say the same: no figure.
      rows: t.rows.map((r) => ({
        label: r.label,
        path: r.path,
        kind: r.kind,
        cells: withoutTrailingBlanks(r.cells.map((c) => (c.value === undefined ? null : [c.value, c.unit ?? null]))),
      })),
    })),
    statements: doc.statements.map((s) => [s.kind, s.total.value, s.total.unit, ...s.parts.map((p) => p.value)]),
    dates: doc.dates.map((d) => [d.start, d.end, d.precision]),
  };
}

function withoutTrailingBlanks<T>(cells: (T | null)[]): (T | null)[] {
  const out = [...cells];
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

describe('toMarkdown', () => {
  const original = parseText('seed.txt', seed);
  const markdown = toMarkdown(original);
  const back = parseMarkdown('seed.md', markdown);

  it('writes front matter, headings and one GFM table', () => {
    expect(markdown.startsWith('---\ntitle: 华宁县政务服务管理局2018年度政府信息公开工作年度报告\n')).toBe(true);
    expect(markdown).toContain('period:\n  start: 2018-01-01\n  end: 2018-12-30\n');
    expect(markdown).toContain('\n## 一、信息工作情况\n');
    expect(markdown).toContain('| 统计指标 | 单位 | 统计数 |\n|---|---|---|\n| 一、主动公开情况 | —— | 320 |');
    expect(back.problems).toEqual([]);
  });

  it('reads back to the same facts', () => {
    expect(facts(back)).toEqual(facts(original));
  });

  it('leaves a Markdown report as it is', () => {
    expect(toMarkdown(back)).toBe(markdown);
  });
});
