import { describe, expect, it } from 'vitest';
import * as formatters from '../src/index.ts';
import { format, formatterNames, summarize } from '../src/index.ts';
import { CLEAN_URI, DATES, DECODE, en, REPORT_URI, ROW_SUMS, SUMS, sampleInput, zh } from './fixtures.ts';

/** Deterministic shuffle so a failure reproduces. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('package exports', () => {
  it('exports exactly the documented API', () => {
    expect(Object.keys(formatters).sort()).toEqual(
      [
        'csv',
        'excerptLines',
        'format',
        'formatChunks',
        'formatReport',
        'formatterNames',
        'gather',
        'github',
        'html',
        'json',
        'jsonFinding',
        'junit',
        'markdown',
        'reportStream',
        'sarif',
        'stylish',
        'summarize',
        'SummaryBuilder',
        'toAnnotation',
        'toSarifRegion',
      ].sort(),
    );
    expect(formatterNames).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'csv']);
    expect(Object.isFrozen(formatterNames)).toBe(true);
  });

  it('format dispatches to the named formatter', () => {
    for (const name of formatterNames) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: checking each named export
      expect(format(name, sampleInput(), zh)).toBe(formatters[name](sampleInput(), zh));
    }
  });

  it('format refuses an unknown name', () => {
    expect(() => format('pdf' as never, sampleInput(), zh)).toThrow(/Unknown formatter "pdf"/);
  });
});

describe('determinism', () => {
  it.each(formatterNames)('%s gives byte-identical output for the same findings in any order', (name) => {
    const input = sampleInput();
    const first = format(name, input, zh);
    expect(format(name, input, zh)).toBe(first);
    for (const seed of [1, 2, 3, 4, 5]) {
      const reordered = {
        diagnostics: shuffled(input.diagnostics, seed),
        rules: shuffled(input.rules, seed + 10),
        files: shuffled(input.files, seed + 20),
      };
      expect(format(name, reordered, zh)).toBe(first);
    }
  });

  it.each(formatterNames)('%s does not modify its input', (name) => {
    const input = sampleInput();
    const before = JSON.stringify(input);
    format(name, input, en);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each(formatterNames)('%s includes no timestamps or absolute paths', (name) => {
    const out = format(name, sampleInput(), en);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(out).not.toMatch(/(^|[\s"=(])\/(home|Users|tmp|work|var)\//m);
    expect(out).not.toMatch(/[A-Z]:\\/);
  });
});

describe('localisation', () => {
  it.each(['stylish', 'junit', 'markdown', 'github'] as const)('%s words its own labels in the chosen locale', (name) => {
    const zhOut = format(name, sampleInput(), zh);
    const enOut = format(name, sampleInput(), en);
    expect(zhOut).not.toBe(enOut);
  });

  it('stylish severity labels follow the locale', () => {
    expect(format('stylish', sampleInput(), zh)).toContain('  错误  合计 320');
    expect(format('stylish', sampleInput(), en)).toContain('  error    合计 320');
  });
});

describe('summarize', () => {
  it('counts by severity, file and rule', () => {
    const s = summarize(sampleInput());
    expect(s).toMatchObject({ files: 2, filesWithErrors: 1, filesWithWarnings: 1, errors: 2, warnings: 1, infos: 1 });
    expect(s.perFile).toEqual([
      { uri: REPORT_URI, errors: 2, warnings: 1, infos: 1 },
      { uri: CLEAN_URI, errors: 0, warnings: 0, infos: 0 },
    ]);
    expect(s.perRule).toEqual([
      { ruleId: DATES, count: 1, severity: 'warning' },
      { ruleId: ROW_SUMS, count: 1, severity: 'error' },
      { ruleId: SUMS, count: 1, severity: 'error' },
      { ruleId: DECODE, count: 1, severity: 'info' },
    ]);
  });

  it('orders rules by count, then id, and counts files named only by a finding', () => {
    const input = sampleInput();
    const extra = { ...(input.diagnostics[3] as (typeof input.diagnostics)[number]), uri: 'reports/2020.md' };
    const s = summarize({ ...input, diagnostics: [...input.diagnostics, extra] });
    expect(s.perRule[0]).toEqual({ ruleId: SUMS, count: 2, severity: 'error' });
    expect(s.files).toBe(3);
    expect(s.perFile.map((f) => f.uri)).toEqual([REPORT_URI, CLEAN_URI, 'reports/2020.md']);
  });
});

describe('duplicate rule metadata', () => {
  it('does not depend on the order rules are listed in', () => {
    const input = sampleInput();
    const sums = input.rules.find((r) => r.id === SUMS);
    const twin = { ...(sums as NonNullable<typeof sums>), description: { 'zh-CN': '另一个说明', en: 'another description' } };
    const a = format('sarif', { ...input, rules: [...input.rules, twin] }, zh);
    const b = format('sarif', { ...input, rules: [twin, ...input.rules] }, zh);
    expect(a).toBe(b);
    expect(JSON.parse(a).runs[0].tool.driver.rules.filter((r: { id: string }) => r.id === SUMS)).toHaveLength(1);
  });
});
