import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { markdown } from '../src/index.ts';
import { CLEAN_URI, en, REPORT_URI, rules, sampleInput, sumFinding, zh } from './fixtures.ts';

/** Splits a GFM table row into cells, honouring `\|`. */
const cells = (row: string) =>
  row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());

describe('markdown', () => {
  it('opens with a totals table', () => {
    const lines = markdown(sampleInput(), en).split('\n');
    expect(lines[0]).toBe('## crossfoot results');
    expect(cells(lines[2] as string)).toEqual(['Files', 'Files with errors', 'Files with warnings', 'Errors', 'Warnings', 'Infos']);
    expect(cells(lines[4] as string)).toEqual(['2', '1', '1', '2', '1', '1']);
  });

  it('has a table per file with every finding', () => {
    const out = markdown(sampleInput(), zh);
    expect(out).toContain(`### ${REPORT_URI}`);
    const rows = out.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l));
    expect(rows).toHaveLength(sampleInput().diagnostics.length);
    const sum = cells(rows.find((r) => r.startsWith('| 5:19 |')) as string);
    expect(sum[1]).toBe('错误');
    expect(sum[2]).toBe(`[cn-gov-disclosure-2008/statement-sums](${sumFinding.url})`);
    expect(sum[3]).toBe('合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）<br>53 + 48 + 207 + 14 = 322');
    expect(sum.slice(4)).toEqual(['322', '320']);
    expect(out).toContain(`未发现问题的文件：${CLEAN_URI}`);
  });

  it('includes every finding even when there are hundreds', () => {
    const many: Diagnostic[] = Array.from({ length: 300 }, (_, i) => ({
      ...sumFinding,
      range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 4 } },
    }));
    const out = markdown({ diagnostics: many, rules, files: [] }, en);
    expect(out.split('\n').filter((l) => /^\| \d+:1 \|/.test(l))).toHaveLength(300);
  });

  it('escapes pipes, line breaks and markup in cells', () => {
    const d: Diagnostic = {
      ...sumFinding,
      arithmetic: undefined,
      expected: 'a|b',
      message: '第一行 | 有竖线\n第二行 <script> *强调*',
    };
    const out = markdown({ diagnostics: [d], rules, files: [] }, en);
    const row = out.split('\n').find((l) => l.startsWith('| 5:19 |')) as string;
    expect(row).toContain('第一行 \\| 有竖线<br>第二行 &lt;script&gt; \\*强调\\*');
    expect(row).not.toContain('<script>');
    expect(cells(row)).toHaveLength(6);
    expect(cells(row)[4]).toBe('a\\|b');
  });

  it('says there are no problems when there are none', () => {
    const out = markdown({ diagnostics: [], rules, files: sampleInput().files }, en);
    expect(out).toContain('No problems found.');
    expect(out).not.toContain('###');
    expect(out.endsWith('.\n')).toBe(true);
  });

  it('localises headings', () => {
    expect(markdown(sampleInput(), zh)).toContain('| 行:列 | 级别 | 规则 | 说明 | 应为 | 实为 |');
    expect(markdown(sampleInput(), en)).toContain('| Line:Col | Severity | Rule | Message | Expected | Actual |');
  });
});
