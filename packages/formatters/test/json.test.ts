import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { json } from '../src/index.ts';
import { CLEAN_URI, DECODE, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

describe('json', () => {
  it('is pretty-printed with two spaces and a trailing newline', () => {
    const out = json(sampleInput(), zh);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "tool": {');
  });

  it('has tool, summary, files and diagnostics in that order', () => {
    const report = JSON.parse(json(sampleInput(), { ...zh, toolVersion: '1.2.3' }));
    expect(Object.keys(report)).toEqual(['tool', 'summary', 'files', 'diagnostics']);
    expect(report.tool).toEqual({ name: 'crossfoot', version: '1.2.3' });
    expect(report.summary).toMatchObject({ files: 2, filesWithErrors: 1, filesWithWarnings: 1, errors: 2, warnings: 1, infos: 1 });
    expect(report.files).toEqual([
      { uri: REPORT_URI, errors: 2, warnings: 1, infos: 1 },
      { uri: CLEAN_URI, errors: 0, warnings: 0, infos: 0 },
    ]);
    expect(report.diagnostics.map((d: Diagnostic) => d.ruleId)).toEqual([DECODE, SUMS, expect.any(String), expect.any(String)]);
    expect(report.diagnostics[1]).toEqual(JSON.parse(JSON.stringify(sumFinding)));
  });

  it('writes diagnostic keys in a fixed order whatever the producer used', () => {
    const scrambled = Object.fromEntries(Object.entries(sumFinding).reverse()) as unknown as Diagnostic;
    scrambled.data = { total: '320', parts: '53 + 48 + 207 + 14', sum: '322' };
    const a = json({ diagnostics: [sumFinding], rules, files: [] }, zh);
    const b = json({ diagnostics: [scrambled], rules, files: [] }, zh);
    expect(b).toBe(a);
    const keys = Object.keys(JSON.parse(a).diagnostics[0]);
    expect(keys).toEqual(['ruleId', 'severity', 'message', 'messageId', 'data', 'uri', 'range', 'related', 'expected', 'actual', 'arithmetic', 'url']);
  });

  it('omits optional members that are absent', () => {
    const { expected: _e, actual: _a, arithmetic: _ar, ...bare } = sumFinding;
    const d = JSON.parse(json({ diagnostics: [bare], rules, files: [] }, zh)).diagnostics[0];
    expect('expected' in d || 'actual' in d || 'arithmetic' in d).toBe(false);
  });
});
