import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/csv.ts';
import { csv } from '../src/index.ts';
import { DATES, en, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

/** Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('csv', () => {
  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    const out = csv(sampleInput(), zh);
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?!")/);
  });

  it('has one row per finding: file, line, column, severity, rule, message, expected, actual', () => {
    const rows = parseCsv(csv(sampleInput(), en).slice(1));
    expect(rows[0]).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message', 'expected', 'actual']);
    expect(rows).toHaveLength(1 + sampleInput().diagnostics.length);
    const sum = rows.find((r) => r[4] === SUMS);
    expect(sum).toEqual([REPORT_URI, '5', '19', 'error', SUMS, sumFinding.message, '322', '320']);
    expect(rows.find((r) => r[4] === DATES)?.slice(6)).toEqual(['', '']);
    expect(parseCsv(csv(sampleInput(), zh).slice(1))[0]).toEqual(['文件', '行', '列', '级别', '规则', '说明', '应为', '实为']);
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says', () => {
    const tricky: Diagnostic = { ...sumFinding, uri: 'reports/a,b.md', message: 'He said "1,234"\nthen\r\nleft' };
    const out = csv({ diagnostics: [tricky], rules, files: [] }, en);
    expect(out).toContain('"reports/a,b.md"');
    expect(out).toContain('"He said ""1,234""\nthen\r\nleft"');
    expect(parseCsv(out.slice(1))[1]?.slice(0, 1)).toEqual(['reports/a,b.md']);
    expect(parseCsv(out.slice(1))[1]?.[5]).toBe('He said "1,234"\nthen\r\nleft');
  });

  it('keeps a spreadsheet from taking report text for a formula, but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-2')).toBe('-2');
    expect(csvField('-1,234.5')).toBe('"-1,234.5"');
    expect(csvField('plain')).toBe('plain');
  });
});
