import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Diagnostic, type Severity, sortDiagnostics } from '@crossfoot/core';
import { type FormatInput, format, Session } from 'crossfoot';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FindingStore, keptForm, PENDING_BYTES } from '../../packages/cli/src/findings.ts';
import { coalesce } from '../../packages/cli/src/output.ts';
import { jsonFinding } from '../../packages/formatters/src/index.ts';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

function finding(uri: string, ruleId: string, severity: Severity, line: number): Diagnostic {
  const range = { start: { line, column: 1 }, end: { line, column: 4 } };
  return { ruleId, severity, message: `${ruleId} at ${line}`, messageId: 'm', data: { n: String(line) }, uri, range, related: [], url: 'u' };
}

/** (severity, line) of `diagnostics` in the order the store keeps a report's own findings. */
function sortedLines(diagnostics: Diagnostic[]): [Severity, number][] {
  return sortDiagnostics(diagnostics).map((d) => [d.severity, d.range.start.line]);
}

describe('the findings a batch keeps until its report is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossfoot-findings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep where findings that span several lines start and end, with their severity, however far down the report', () => {
    const store = new FindingStore(join(dir, 'spans.v8'));
    const spanning = (severity: Severity, from: number, to: number): Diagnostic => ({
      ...finding('long.md', 'p/x', severity, from),
      range: { start: { line: from, column: 2 }, end: { line: to, column: 1 } },
    });
    const diagnostics = [
      spanning('error', 2, 9),
      spanning('warning', 40, 40),
      spanning('info', 3_000_000, 3_000_250),
      spanning('error', 200_000_000, 200_000_001),
    ];
    store.put('long.md', { diagnostics, lines: {} });
    const spans = (keep: (severity: Severity) => boolean) => store.spansOf('long.md', keep).map((d) => [d.range.start.line, d.range.end.line]);
    expect(spans(() => true)).toEqual([
      [2, 9],
      [40, 40],
      [3_000_000, 3_000_250],
      [200_000_000, 200_000_001],
    ]);
    expect(spans((severity) => severity === 'error')).toEqual([
      [2, 9],
      [200_000_000, 200_000_001],
    ]);
    expect(spans((severity) => severity === 'info')).toEqual([[3_000_000, 3_000_250]]);
    expect(store.jsonOf('long.md', (severity) => severity === 'warning')?.map((text) => JSON.parse(text).range.start.line)).toEqual([40]);
    expect(store.jsonBytesOf('long.md', (severity) => severity !== 'info')).toBeUndefined();
    store.close();
  });

  it('go to disk a block at a time as they come and read back as they were, counted by report, rule and severity', () => {
    const file = join(dir, 'a.v8');
    const store = new FindingStore(file);
    const a = {
      diagnostics: [finding('a.md', 'p/x', 'error', 3), finding('a.md', 'p/x', 'error', 5), finding('a.md', 'p/y', 'info', 7)],
      lines: { 3: '三', 5: '五' },
    };
    const b = { diagnostics: [finding('b.md', 'p/y', 'warning', 1)], lines: { 1: 'one' } };
    store.put('a.md', a);
    store.put('b.md', b);
    // Gathered into one write, made before anything is read back.
    expect(statSync(file).size).toBe(0);
    expect(store.get('a.md')).toEqual(a);
    expect(statSync(file).size).toBeGreaterThan(0);
    expect(store.get('a.md')).not.toBe(a);
    expect(store.get('b.md')).toEqual(b);
    expect(store.get('c.md')).toBeUndefined();
    expect(store.countsOf('a.md')).toEqual([2, 0, 1]);
    expect(store.countsOf('b.md')).toEqual([0, 1, 0]);
    expect(store.linesOf('a.md')).toEqual({ 3: '三', 5: '五' });
    expect(store.spansOf('a.md', () => true).map((d) => [d.range.start.line, d.range.end.line])).toEqual([
      [3, 3],
      [5, 5],
      [7, 7],
    ]);
    expect(store.spansOf('a.md', (severity) => severity === 'info').map((d) => d.range.start.line)).toEqual([7]);
    expect([...store.rules()].sort((x, y) => (x.ruleId + x.severity < y.ruleId + y.severity ? -1 : 1))).toEqual([
      { ruleId: 'p/x', severity: 'error', count: 2 },
      { ruleId: 'p/y', severity: 'info', count: 1 },
      { ruleId: 'p/y', severity: 'warning', count: 1 },
    ]);
    store.close();
  });

  it('hold no more than one block in memory, however many reports are put before any is read', () => {
    const file = join(dir, 'blocks.v8');
    const store = new FindingStore(file);
    const reports = Array.from({ length: 120 }, (_, r) => ({
      diagnostics: Array.from({ length: 40 }, (_, k) => finding(`r${r}.md`, 'p/x', 'warning', k + 1)),
      lines: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [k + 1, `第${k + 1}行，${'正文'.repeat(20)}`])),
    }));
    let kept = 0;
    for (const [r, report] of reports.entries()) {
      const form = keptForm(`r${r}.md`, report);
      kept += form.bytes.byteLength;
      store.put(`r${r}.md`, form);
      // Everything but what one block holds is on disk already.
      expect(statSync(file).size).toBeGreaterThanOrEqual(kept - PENDING_BYTES);
    }
    expect(kept).toBeGreaterThan(4 * PENDING_BYTES);
    // A report larger than a block goes to disk at once, after those gathered before it.
    const large = {
      diagnostics: Array.from({ length: 400 }, (_, k) => finding('large.md', 'p/y', 'error', k + 1)),
      lines: Object.fromEntries(Array.from({ length: 400 }, (_, k) => [k + 1, `${'长'.repeat(600)}${k}`])),
    };
    const largeForm = keptForm('large.md', large);
    expect(largeForm.bytes.byteLength).toBeGreaterThan(PENDING_BYTES);
    store.put('large.md', largeForm);
    expect(statSync(file).size).toBe(kept + largeForm.bytes.byteLength);
    for (const [r, report] of reports.entries()) expect(store.get(`r${r}.md`)).toEqual(report);
    expect(store.get('large.md')).toEqual(large);
    store.close();
  });

  it('made into their kept form by the thread that checked the report are kept as the findings themselves are', () => {
    const a = {
      diagnostics: [finding('a.md', 'p/y', 'info', 7), finding('a.md', 'p/x', 'error', 3), finding('other.md', 'p/x', 'warning', 2)],
      lines: { 3: '三', 7: '七' },
    };
    const kept = keptForm('a.md', a);
    // Its bytes are a buffer of their own: a view into memory shared with other buffers would carry all of it across.
    expect(kept.bytes.byteOffset).toBe(0);
    expect(kept.bytes.byteLength).toBe(kept.bytes.buffer.byteLength);
    expect(kept.lengths.reduce((x, y) => x + y)).toBe(kept.bytes.byteLength);
    // The three parts, converted together, split where each ends.
    const [lines, own] = [kept.lengths[0], kept.lengths[1]];
    const text = (from: number, to: number) => Buffer.from(kept.bytes.subarray(from, to)).toString('utf8');
    expect(JSON.parse(text(0, lines))).toEqual(a.lines);
    expect(text(lines, lines + own).split('\u0000')).toEqual([jsonFinding(a.diagnostics[1] as Diagnostic), jsonFinding(a.diagnostics[0] as Diagnostic)]);
    expect(JSON.parse(text(lines + own, kept.bytes.length))).toEqual([a.diagnostics[2]]);
    // A report kept next takes none of this one's memory.
    const copy = Buffer.from(kept.bytes);
    keptForm('b.md', { diagnostics: [finding('b.md', 'p/x', 'error', 1)], lines: { 1: '一'.repeat(40_000) } });
    expect(Buffer.from(kept.bytes).equals(copy)).toBe(true);
    // Findings longer than the block a thread keeps (1 MiB of UTF-16) are converted whole all the same.
    const long = { 1: `${'二'.repeat(700_000)}x` };
    const big = keptForm('c.md', { diagnostics: [finding('c.md', 'p/x', 'error', 1)], lines: long });
    expect(JSON.parse(Buffer.from(big.bytes.subarray(0, big.lengths[0])).toString('utf8'))).toEqual(long);
    expect(big.lengths.reduce((x, y) => x + y)).toBe(big.bytes.byteLength);
    expect(Buffer.from(kept.bytes).equals(copy)).toBe(true);
    const direct = new FindingStore(join(dir, 'direct.v8'));
    const across = new FindingStore(join(dir, 'across.v8'));
    direct.put('a.md', a);
    // As it arrives from a worker thread.
    across.put('a.md', structuredClone(kept));
    for (const store of [direct, across]) {
      expect(store.get('a.md')).toEqual({ lines: a.lines, diagnostics: [a.diagnostics[1], a.diagnostics[0], a.diagnostics[2]] });
      expect(store.countsOf('a.md')).toEqual([1, 0, 1]);
      expect([...store.ownersOf('other.md')]).toEqual(['a.md']);
      expect(store.jsonOf('a.md', () => true)).toEqual([jsonFinding(a.diagnostics[1] as Diagnostic), jsonFinding(a.diagnostics[0] as Diagnostic)]);
      expect(store.spansOf('a.md', () => true).map((d) => d.range.start.line)).toEqual([3, 7]);
    }
    expect([...across.rules()]).toEqual([...direct.rules()]);
    direct.close();
    across.close();
  });

  it('are read back whole after a report whose findings take more than the buffer reads are made in, and before one', () => {
    const store = new FindingStore(join(dir, 'large.v8'));
    const many = (uri: string, count: number) => ({
      diagnostics: Array.from({ length: count }, (_, i) => ({ ...finding(uri, 'p/x', 'error', i + 1), message: `第${i + 1}处：${'合计'.repeat(40)}` })),
      lines: { 1: '一'.repeat(300) },
    });
    const small = many('small.md', 3);
    const large = many('large.md', 3_000);
    store.put('small.md', small);
    store.put('large.md', large);
    expect(statSync(join(dir, 'large.v8')).size).toBeGreaterThan(1 << 20);
    for (const uri of ['small.md', 'large.md', 'small.md', 'large.md']) {
      const got = store.get(uri);
      expect(got, uri).toEqual(uri === 'large.md' ? large : small);
    }
    store.close();
  });

  it('of a report checked again are replaced, counts and all', () => {
    const store = new FindingStore(join(dir, 'b.v8'));
    store.put('a.md', { diagnostics: [finding('a.md', 'p/x', 'error', 3)], lines: {} });
    const again = { diagnostics: [finding('a.md', 'p/z', 'warning', 9)], lines: { 9: 'nine' } };
    store.put('a.md', again);
    expect(store.get('a.md')).toEqual(again);
    expect(store.countsOf('a.md')).toEqual([0, 1, 0]);
    expect([...store.rules()]).toEqual([{ ruleId: 'p/z', severity: 'warning', count: 1 }]);
    store.close();
  });

  it('that cannot be written stop the run with a message naming the report and the folder', () => {
    const store = new FindingStore(join(dir, 'missing-folder', 'e.v8'));
    expect(() => store.put('a.md', { diagnostics: [finding('a.md', 'p/x', 'error', 3)], lines: {} })).toThrow(
      /cannot keep the findings of a\.md in the temporary folder .*missing-folder: ENOENT/u,
    );
    store.close();
  });

  it('are given as the UTF-8 kept, NUL between findings, when every one is kept, read into one buffer used again', () => {
    const store = new FindingStore(join(dir, 'f.v8'));
    const a = [finding('a.md', 'p/x', 'error', 3), finding('a.md', 'p/y', 'info', 7)];
    const b = [finding('b.md', 'p/名', 'warning', 1)];
    store.put('a.md', { diagnostics: a, lines: {} });
    store.put('b.md', { diagnostics: b, lines: {} });
    store.put('c.md', { diagnostics: [], lines: {} });
    const all = () => true;
    const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8'));
    expect(text(store.jsonBytesOf('a.md', all))).toBe((store.jsonOf('a.md', all) as string[]).join('\u0000'));
    expect(text(store.jsonBytesOf('a.md', all))).toBe(a.map(jsonFinding).join('\u0000'));
    const first = store.jsonBytesOf('a.md', all) as Uint8Array;
    expect(text(store.jsonBytesOf('b.md', all))).toBe(jsonFinding(b[0] as Diagnostic));
    // The next call read into the same memory: a caller copies what it keeps.
    expect(first.buffer).toBe((store.jsonBytesOf('b.md', all) as Uint8Array).buffer);
    expect(store.jsonBytesOf('c.md', all)?.length).toBe(0);
    // A finding left out (`--quiet`): no bytes, the findings are given one by one.
    expect(store.jsonBytesOf('a.md', (severity) => severity === 'error')).toBeUndefined();
    expect(store.jsonBytesOf('z.md', all)).toBeUndefined();
    store.close();
  });

  it('of many reports, each put once or again with more or fewer findings, read back as the last put gave them', () => {
    const severities: Severity[] = ['error', 'warning', 'info'];
    const put = fc.record({
      report: fc.integer({ min: 0, max: 149 }),
      findings: fc.array(fc.record({ severity: fc.constantFrom(...severities), line: fc.integer({ min: 1, max: 400 }) }), { maxLength: 9 }),
    });
    let run = 0;
    fc.assert(
      fc.property(fc.array(put, { minLength: 1, maxLength: 400 }), (puts) => {
        const store = new FindingStore(join(dir, `many-${run++}.v8`));
        const last = new Map<string, Diagnostic[]>();
        for (const { report, findings } of puts) {
          const uri = `r${report}.md`;
          const diagnostics = findings.map((f, i) => finding(uri, `p/${i % 3}`, f.severity, f.line));
          store.put(uri, { diagnostics, lines: {} });
          last.set(uri, diagnostics);
        }
        const perRule = new Map<string, number>();
        for (const [uri, diagnostics] of last) {
          const sorted = sortedLines(diagnostics);
          expect(store.get(uri)?.diagnostics.map((d) => [d.severity, d.range.start.line])).toEqual(sorted);
          expect(store.spansOf(uri, () => true).map((d) => [d.range.start.line, d.range.end.line])).toEqual(sorted.map(([, line]) => [line, line]));
          expect(store.countsOf(uri)).toEqual(severities.map((s) => diagnostics.filter((d) => d.severity === s).length));
          for (const d of diagnostics) perRule.set(`${d.ruleId} ${d.severity}`, (perRule.get(`${d.ruleId} ${d.severity}`) ?? 0) + 1);
        }
        expect(new Map([...store.rules()].map((r) => [`${r.ruleId} ${r.severity}`, r.count]))).toEqual(perRule);
        expect(store.countsOf('never.md')).toEqual([0, 0, 0]);
        expect(store.get('never.md')).toBeUndefined();
        store.close();
      }),
      { numRuns: 40 },
    );
  });

  it('located in another report are found under that report', () => {
    const store = new FindingStore(join(dir, 'd.v8'));
    store.put('a.md', { diagnostics: [finding('a.md', 'p/x', 'error', 3), finding('z.md', 'p/x', 'warning', 2)], lines: {} });
    expect(store.countsOf('a.md')).toEqual([1, 0, 0]);
    expect([...store.elsewhereUris()]).toEqual(['z.md']);
    expect([...store.ownersOf('z.md')]).toEqual(['a.md']);
    store.close();
  });
});

describe('a batch written from findings kept on disk', () => {
  const dir = makeCorpus(6);
  const options = (toolVersion: string) => ({ locale: 'zh-CN' as const, color: false, toolVersion });

  async function serial(): Promise<FormatInput> {
    const session = await Session.create({ cwd: dir });
    return session.run(await session.files(['reports']));
  }

  it('gives every format of the serial run, byte for byte, and --quiet its errors only', async () => {
    const whole = await serial();
    const out = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir);
    expect(out.code, out.stderr).toBe(1);
    const version = JSON.parse(out.stdout).tool.version as string;
    expect(out.stdout).toBe(format('json', whole, options(version)));
    const quiet = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json', '--quiet'], dir);
    const errors = { ...whole, diagnostics: whole.diagnostics.filter((d) => d.severity === 'error') };
    expect(errors.diagnostics.length).toBeLessThan(whole.diagnostics.length);
    expect(quiet.stdout).toBe(format('json', errors, options(version)));
    for (const name of ['stylish', 'sarif', 'junit', 'github', 'markdown', 'csv', 'html'] as const) {
      const out = await runCli(['check', 'reports', '--jobs', '1', '--format', name], dir);
      expect(out.stdout, name).toBe(format(name, whole, options(version)));
    }
  }, 300_000);

  it('leaves nothing behind in the temporary folder, and writes to a file what it prints', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('crossfoot-batch-')));
    const out = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json', '-o', 'out.json'], dir);
    expect(out.code, out.stderr).toBe(1);
    const printed = await runCli(['check', 'reports', '--jobs', '1', '--format', 'json'], dir);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(printed.stdout);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('crossfoot-batch-') && !before.has(n))).toEqual([]);
  }, 300_000);
});

describe('the pieces a report is written in', () => {
  it('are gathered, text and bytes alike, into the same bytes in the same order, each piece whole characters', () => {
    const word = fc.constantFrom('a', '名', '\u{1F600}', ',\n    ', 'é', '"x"', ' ');
    // Pieces of every size around the 32,768 characters and 65,536 bytes gathered, each given as text or as bytes.
    const piece = fc.record({
      text: fc.tuple(fc.array(word, { minLength: 1, maxLength: 8 }), fc.constantFrom(1, 10, 3000, 40000, 90000)).map(([w, size]) => {
        const unit = w.join('');
        return unit.repeat(Math.ceil(size / unit.length));
      }),
      bytes: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 60 }), (pieces) => {
        // Bytes given in one buffer used again for the next piece, as the findings kept on disk are.
        const reused = new Uint8Array(1 << 20);
        function* given(): Generator<string | Uint8Array> {
          for (const { text, bytes } of pieces) {
            if (!bytes) yield text;
            else {
              const encoded = Buffer.from(text, 'utf8');
              reused.fill(0);
              reused.set(encoded);
              yield reused.subarray(0, encoded.length);
            }
          }
        }
        const decoder = new TextDecoder('utf-8', { fatal: true });
        let written = '';
        let count = 0;
        for (const out of coalesce(given())) {
          count++;
          written += typeof out === 'string' ? out : decoder.decode(out);
        }
        expect(written).toBe(pieces.map((p) => p.text).join(''));
        expect(count).toBeLessThanOrEqual(pieces.length + 1);
      }),
      { numRuns: 40, seed: 5 },
    );
  });
});
