import type { Diagnostic, Severity } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import {
  type FileFindings,
  type FormatInput,
  format,
  formatReport,
  formatterNames,
  gather,
  json,
  jsonFinding,
  type ReportStream,
  reportStream,
  SummaryBuilder,
  summarize,
} from '../src/index.ts';
import { CLEAN_URI, DECODE, infoFinding, REPORT_URI, sampleInput, sumFinding, zh } from './fixtures.ts';

/** A report whose files are read from a function each time, counting the reads, as a batch reads them from disk. */
function counted(input = sampleInput()): { report: ReportStream; reads: () => number; open: () => number } {
  const inner = reportStream(input);
  let reads = 0;
  let open = 0;
  return {
    report: {
      summary: inner.summary,
      rules: inner.rules,
      *files(): Generator<FileFindings> {
        for (const f of inner.files()) {
          reads++;
          open++;
          // A reader that stops early ends the loop at this yield: the file is let go all the same.
          try {
            yield { file: { ...f.file }, diagnostics: [...f.diagnostics] };
          } finally {
            open--;
          }
        }
      },
    },
    reads: () => reads,
    open: () => open,
  };
}

describe('a report given a file at a time', () => {
  it('renders, with every formatter, the text format renders from the whole input', () => {
    for (const name of formatterNames) {
      const { report } = counted();
      expect([...formatReport(name, report, zh)].join(''), name).toBe(format(name, sampleInput(), zh));
    }
  });

  // The sample's two files; the engine problem's rule is in no pack, and its first finding is in the first file.
  it.each([
    ['stylish', 2],
    ['github', 2],
    ['csv', 2],
    ['sarif', 3],
    ['markdown', 3],
    ['junit', 4],
    ['html', 5],
  ] as const)('writes the %s report reading %i files in all, never two at once', (name, expected) => {
    const { report, reads, open } = counted();
    let most = 0;
    const pieces: string[] = [];
    for (const piece of formatReport(name, report, zh)) {
      most = Math.max(most, open());
      pieces.push(piece as string);
    }
    expect(pieces.join('')).toBe(format(name, sampleInput(), zh));
    // Only one file has findings, and the GitHub report is only findings.
    expect(pieces.length).toBeGreaterThan(name === 'github' ? 0 : 1);
    expect(reads()).toBe(expected);
    expect(most).toBe(1);
  });

  it.each(['sarif', 'markdown', 'html'] as const)('does not read the findings ahead for the %s report when every rule that fired is known', (name) => {
    const input = sampleInput();
    const engine = {
      id: DECODE,
      description: { 'zh-CN': '无法识别的数字', en: 'Unreadable number' },
      severity: 'info',
      url: infoFinding.url,
      pack: 'crossfoot',
    } as const;
    const { report, reads } = counted({ ...input, rules: [...input.rules, engine] });
    const text = [...formatReport(name, report, zh)].join('');
    // The HTML report reads each file twice: for its row in the table of reports, then for its findings.
    expect(reads()).toBe((name === 'html' ? 2 : 1) * report.summary.perFile.length);
    expect(text).toBe(format(name, { ...input, rules: [...input.rules, engine] }, zh));
  });

  it("writes the SARIF log in JSON.stringify's own layout, with and without findings, whatever files hold them", () => {
    const input = sampleInput();
    const moved = (uri: string, d: Diagnostic): Diagnostic => ({ ...d, uri, related: d.related.map((r) => ({ ...r, uri })) });
    const many: FormatInput = {
      ...input,
      files: [...input.files, { uri: 'a.md' }, { uri: 'z.md' }],
      diagnostics: [...input.diagnostics, moved('a.md', sumFinding), moved('z.md', infoFinding), moved('z.md', sumFinding)],
    };
    for (const sample of [input, many, { ...input, diagnostics: [] }, { diagnostics: [], rules: [], files: [] }]) {
      const text = [...formatReport('sarif', reportStream(sample), zh)].join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect((JSON.parse(text) as { runs: { results: unknown[] }[] }).runs[0]?.results).toHaveLength(sample.diagnostics.length);
    }
  });

  it("takes a rule no pack describes from its first finding in the report's order", () => {
    const unknown = (uri: string, severity: Diagnostic['severity'], url: string): Diagnostic => ({ ...infoFinding, uri, severity, url });
    const input: FormatInput = {
      diagnostics: [unknown('b.md', 'error', 'https://b.example/'), unknown('a.md', 'warning', 'https://a.example/')],
      rules: [],
      files: [{ uri: 'b.md' }, { uri: 'a.md' }],
    };
    const log = JSON.parse(format('sarif', input, zh)) as {
      runs: { tool: { driver: { rules: { helpUri: string; defaultConfiguration: { level: string } }[] } } }[];
    };
    expect(log.runs[0]?.tool.driver.rules).toMatchObject([{ helpUri: 'https://a.example/', defaultConfiguration: { level: 'warning' } }]);
    expect(format('markdown', input, zh)).toContain(`[${DECODE}](https://a.example/) | 2 |`);
  });

  it('writes the JSON report reading each file twice (its entry, then its findings), never all of them at once', () => {
    const { report, reads, open } = counted();
    let most = 0;
    const pieces: string[] = [];
    for (const piece of formatReport('json', report, zh)) {
      most = Math.max(most, open());
      pieces.push(piece);
    }
    expect(pieces.join('')).toBe(json(sampleInput(), zh));
    expect(reads()).toBe(2 * report.summary.perFile.length);
    expect(most).toBe(1);
  });

  it('copies findings kept as UTF-8, NUL between them, as the JSON report writes them, from memory used again', () => {
    // One buffer for every file's bytes, as a batch reads them from disk: each file's overwrite the last's.
    const scratch = new Uint8Array(1 << 16);
    const encoder = new TextEncoder();
    const inner = reportStream(sampleInput());
    const report: ReportStream = {
      summary: inner.summary,
      rules: inner.rules,
      *files(): Generator<FileFindings> {
        for (const f of inner.files()) {
          const found = f.diagnostics;
          yield {
            file: f.file,
            diagnostics: found,
            get jsonBytes() {
              const bytes = encoder.encode(found.map(jsonFinding).join('\u0000'));
              scratch.fill(0xff);
              scratch.set(bytes);
              return scratch.subarray(0, bytes.length);
            },
          };
        }
      },
    };
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let text = '';
    let bytes = 0;
    // Each piece decoded as it comes, before the next is asked for (the bytes may be overwritten after).
    for (const piece of formatReport('json', report, zh)) {
      if (typeof piece !== 'string') bytes++;
      text += typeof piece === 'string' ? piece : decoder.decode(piece);
    }
    expect(bytes).toBeGreaterThan(2);
    expect(text).toBe(json(sampleInput(), zh));
  });

  it('lists each file of the summary in uri order with its findings sorted', () => {
    const input = sampleInput();
    const files = [...reportStream({ ...input, diagnostics: [...input.diagnostics].reverse() }).files()];
    expect(files.map((f) => f.file.uri)).toEqual([REPORT_URI, CLEAN_URI].sort());
    const report = files.find((f) => f.file.uri === REPORT_URI) as FileFindings;
    expect(report.diagnostics).toHaveLength(input.diagnostics.filter((d) => d.uri === REPORT_URI).length);
    const positions = report.diagnostics.map((d) => d.range.start.line * 1e6 + d.range.start.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(gather(reportStream(input)).diagnostics).toHaveLength(input.diagnostics.length);
  });
});

describe('SummaryBuilder', () => {
  it('counting files and rules apart gives the summary of the whole input', () => {
    const input = sampleInput();
    const builder = new SummaryBuilder();
    for (const f of input.files) builder.file(f.uri);
    for (const d of input.diagnostics) builder.countFile(d.uri, d.severity);
    const perRule = new Map<string, number>();
    for (const d of input.diagnostics) perRule.set(`${d.ruleId}\u0000${d.severity}`, (perRule.get(`${d.ruleId}\u0000${d.severity}`) ?? 0) + 1);
    for (const [key, count] of [...perRule].reverse()) {
      const [ruleId, severity] = key.split('\u0000') as [string, Severity];
      builder.countRule(ruleId, severity, count);
    }
    expect(builder.build()).toEqual(summarize(input));
  });

  it('gives each rule the highest severity of its findings, whatever order they are counted in', () => {
    const severities: Severity[] = ['info', 'warning', 'error'];
    for (let first = 0; first < 3; first++) {
      const builder = new SummaryBuilder();
      for (let k = 0; k < 3; k++) builder.count('a.md', 'p/r', severities[(first + k) % 3] as Severity);
      builder.count('a.md', 'p/quiet', 'info', 2);
      builder.countRule('p/loud', 'warning', 1);
      builder.countRule('p/loud', 'info', 4);
      expect(builder.build().perRule).toEqual([
        { ruleId: 'p/loud', count: 5, severity: 'warning' },
        { ruleId: 'p/r', count: 3, severity: 'error' },
        { ruleId: 'p/quiet', count: 2, severity: 'info' },
      ]);
    }
  });

  it('lists a file named only by a finding, and counts a file with none', () => {
    const builder = new SummaryBuilder();
    builder.file('b.md');
    builder.count('a.md', 'p/r', 'warning', 3);
    const summary = builder.build();
    expect(summary.perFile).toEqual([
      { uri: 'a.md', errors: 0, warnings: 3, infos: 0 },
      { uri: 'b.md', errors: 0, warnings: 0, infos: 0 },
    ]);
    expect(summary).toMatchObject({
      files: 2,
      filesWithWarnings: 1,
      filesWithErrors: 0,
      warnings: 3,
      perRule: [{ ruleId: 'p/r', count: 3 }],
      perPack: [{ pack: 'p', count: 3 }],
    });
  });
});
