import { markdown } from '@crossfoot/formatters';
import { describe, expect, it } from 'vitest';
import { fitSummary, SUMMARY_LIMIT } from '../src/summary.ts';
import { finding } from './fixtures.ts';

const options = { locale: 'zh-CN' as const, color: false, toolVersion: '0.1.0' };
const more = (n: number) => `**${n} more findings in the SARIF file \`crossfoot.sarif\`.**`;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** `files` reports with `perFile` findings each, as the markdown formatter renders them. */
function report(files: number, perFile: number): { text: string; total: number } {
  const diagnostics = [];
  for (let f = 1; f <= files; f++) {
    for (let l = 1; l <= perFile; l++) diagnostics.push(finding(`reports/${String(f).padStart(4, '0')}/年度报告.md`, l, l % 3 === 0 ? 'warning' : 'error'));
  }
  const uris = [...new Set(diagnostics.map((d) => d.uri))];
  return {
    text: markdown({ diagnostics, rules: [], files: [...uris.map((uri) => ({ uri })), { uri: 'reports/clean.md' }] }, options),
    total: diagnostics.length,
  };
}

const findingRows = (text: string) => text.split('\n').filter((line) => /^\| \d+:\d+ \|/.test(line));

describe('fitSummary', () => {
  it('leaves a summary within the limit as the formatter wrote it', () => {
    const { text, total } = report(30, 7);
    expect(fitSummary(text, SUMMARY_LIMIT, more)).toEqual({ text, shown: total, omitted: 0 });
  });

  it('cuts many findings to stay under 1 MiB, counting what it cut in one closing line', () => {
    const { text, total } = report(500, 12);
    expect(bytes(text)).toBeGreaterThan(SUMMARY_LIMIT);
    const fitted = fitSummary(text, SUMMARY_LIMIT, more);
    expect(bytes(fitted.text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(fitted.omitted).toBeGreaterThan(0);
    expect(fitted.shown + fitted.omitted).toBe(total);
    expect(findingRows(fitted.text)).toHaveLength(fitted.shown);
    expect(fitted.text.trimEnd().split('\n').at(-1)).toBe(more(fitted.omitted));
    // Totals stay whole, and it is the formatter's text up to the cut: rows are never split.
    expect(fitted.text).toContain(`| 501 | 500 | 500 | ${(total * 2) / 3} | ${total / 3} | 0 |`);
    const kept = fitted.text.slice(0, fitted.text.lastIndexOf('\n\n**'));
    expect(text.startsWith(kept)).toBe(true);
    // The closing line is its own paragraph, not a row of the cut table.
    expect(fitted.text).toMatch(/\|\n\n\*\*\d+ more/);
    // Nearly the whole budget is used.
    expect(bytes(fitted.text)).toBeGreaterThan(SUMMARY_LIMIT - 2_000);
  });

  it('keeps within small budgets too, down to the totals alone', () => {
    const { text, total } = report(20, 5);
    for (const budget of [4_000, 10_000, 20_000]) {
      const fitted = fitSummary(text, budget, more);
      expect(bytes(fitted.text)).toBeLessThanOrEqual(budget);
      expect(findingRows(fitted.text)).toHaveLength(fitted.shown);
      expect(fitted.shown + fitted.omitted).toBe(total);
    }
    const totalsOnly = fitSummary(text, bytes(text.slice(0, text.indexOf('### '))) + 60, more);
    expect(totalsOnly.shown).toBe(0);
    expect(totalsOnly.text).toContain(more(total));
  });

  it('cuts between files when a whole file no longer fits', () => {
    const { text, total } = report(3, 40);
    const firstFile = text.indexOf('### reports/0002');
    const fitted = fitSummary(text, bytes(text.slice(0, firstFile)) + 200, more);
    expect(fitted.shown).toBe(40);
    expect(fitted.omitted).toBe(total - 40);
    expect(fitted.text).not.toContain('### reports/0002');
  });
});
