import { describe, expect, it } from 'vitest';
import {
  csv,
  type FileFindings,
  format,
  formatReport,
  formatterNames,
  gather,
  html,
  json,
  jsonFinding,
  type ReportStream,
  reportStream,
  SummaryBuilder,
  summarize,
} from '../src/index.ts';
import { CLEAN_URI, REPORT_URI, sampleInput, zh } from './fixtures.ts';

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
          yield { file: { ...f.file }, diagnostics: [...f.diagnostics] };
          open--;
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

  it.each([
    ['csv', 1],
    ['html', 3],
  ] as const)('writes the %s report reading each file %i times, never all of them at once', (name, passes) => {
    const { report, reads, open } = counted();
    let most = 0;
    const pieces: string[] = [];
    for (const piece of formatReport(name, report, zh)) {
      most = Math.max(most, open());
      pieces.push(piece);
    }
    expect(pieces.join('')).toBe((name === 'csv' ? csv : html)(sampleInput(), zh));
    expect(pieces.length).toBeGreaterThan(1);
    expect(reads()).toBe(passes * report.summary.perFile.length);
    expect(most).toBe(1);
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
    for (const d of input.diagnostics) perRule.set(d.ruleId, (perRule.get(d.ruleId) ?? 0) + 1);
    for (const [ruleId, count] of [...perRule].reverse()) builder.countRule(ruleId, count);
    expect(builder.build()).toEqual(summarize(input));
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
