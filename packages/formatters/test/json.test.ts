import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { formatChunks, json } from '../src/index.ts';
import { CLEAN_URI, DECODE, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

describe('json', () => {
  it('is pretty-printed with two spaces and a trailing newline', () => {
    const out = json(sampleInput(), zh);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "tool": {');
  });

  it('is exactly JSON.stringify with two spaces, whether written whole or a piece at a time', () => {
    for (const input of [sampleInput(), { diagnostics: [], rules: [], files: [] }]) {
      const out = json(input, zh);
      expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
      const pieces = [...formatChunks('json', input, zh)];
      expect(pieces.join('')).toBe(out);
      if (input.diagnostics.length) expect(pieces.length).toBeGreaterThan(input.diagnostics.length);
    }
  });

  it('has tool, summary, files, diagnostics and rules in that order', () => {
    const report = JSON.parse(json(sampleInput(), { ...zh, toolVersion: '1.2.3' }));
    expect(Object.keys(report)).toEqual(['tool', 'summary', 'files', 'diagnostics', 'rules']);
    expect(report.tool).toEqual({ name: 'crossfoot', version: '1.2.3' });
    expect(report.summary).toMatchObject({ files: 2, filesWithErrors: 1, filesWithWarnings: 1, errors: 2, warnings: 1, infos: 1 });
    expect(report.files).toEqual([
      { uri: REPORT_URI, errors: 2, warnings: 1, infos: 1, lines: expect.any(Object) },
      { uri: CLEAN_URI, errors: 0, warnings: 0, infos: 0 },
    ]);
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.id).sort());
    expect(report.diagnostics.map((d: Diagnostic) => d.ruleId)).toEqual([DECODE, SUMS, expect.any(String), expect.any(String)]);
    expect(report.diagnostics[1]).toEqual(JSON.parse(JSON.stringify(sumFinding)));
  });

  it('counts findings per file, per rule and per pack; "ruleId" appears once per finding', () => {
    const out = json(sampleInput(), zh);
    const report = JSON.parse(out);
    expect(report.summary.perRule).toContainEqual({ rule: SUMS, count: 1 });
    expect(report.summary.perPack).toEqual([
      { pack: 'cn-gov-disclosure-2008', count: 3 },
      { pack: 'crossfoot', count: 1 },
    ]);
    expect(out.match(/"ruleId"/g)?.length).toBe(report.diagnostics.length);
  });

  it('keeps the lines each finding shows, whether it had the whole text or only those lines', () => {
    const whole = sampleInput();
    const report = JSON.parse(json(whole, zh));
    const lines = report.files[0].lines as Record<string, string>;
    const text = whole.files.find((f) => f.uri === REPORT_URI)?.text ?? '';
    for (const [n, line] of Object.entries(lines)) expect(line).toBe(text.split('\n')[Number(n) - 1]);
    const slim = {
      ...whole,
      files: whole.files.map((f) =>
        f.uri === REPORT_URI ? { uri: f.uri, lines: Object.fromEntries(Object.entries(lines).map(([k, v]) => [Number(k), v])) } : f,
      ),
    };
    expect(json(slim, zh)).toBe(json(whole, zh));
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
