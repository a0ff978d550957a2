import { decode, detectFormat, readReport } from '@crossfoot/adapters';
import { Checker, type Diagnostic, type Locale, labelKey, type Pack, type ReportDocument, type RuleMeta, reportYear, ruleMeta } from '@crossfoot/core';
import { json, markdown, sarif } from '@crossfoot/formatters';
import { bundledPacks } from './packs.ts';
import type { ExportFormat, FileResult, PackInfo, ReportInput, RuleInfo } from './protocol.ts';
import { warmUpReport } from './warm-up.ts';

/** Problems that mean a file could not be read at all: no rule can judge it (as on the command line). */
const UNREADABLE = new Set(['decode', 'file-too-large', 'unreadable']);

/** The command line's limit; a larger file gets a located finding instead of being read. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function problemDocument(uri: string, code: string, zh: string, en: string): ReportDocument {
  return {
    uri,
    text: '',
    format: 'text',
    meta: {},
    sections: [],
    tables: [],
    statements: [],
    dates: [],
    suppressions: [],
    problems: [{ code, severity: 'error', message: { 'zh-CN': zh, en }, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
  };
}

/** Pasted text has no file name: HTML and front matter are recognised, Markdown headings or tables suggest Markdown. */
function pastedFormat(text: string): 'markdown' | 'text' | undefined {
  if (detectFormat('', text)) return undefined;
  return /^(?:#{1,6} |\s*\|?\s*:?-{3,}:?\s*\|)/mu.test(text.slice(0, 20_000)) ? 'markdown' : 'text';
}

/** One report as the command line reads a file: size limit, decoding (UTF-8, UTF-16, GB18030), the format's adapter. */
export function readInput(input: ReportInput): ReportDocument {
  const uri = input.name;
  if (input.text !== undefined) {
    const format = /\.[a-z]+$/iu.test(uri) ? undefined : pastedFormat(input.text);
    return readReport({ uri, text: input.text, ...(format ? { format } : {}) });
  }
  const bytes = new Uint8Array(input.bytes ?? new ArrayBuffer(0));
  if (bytes.length > MAX_FILE_BYTES) {
    return problemDocument(
      uri,
      'file-too-large',
      `文件过大（${bytes.length} 字节，上限 ${MAX_FILE_BYTES} 字节），未检查`,
      `File too large (${bytes.length} bytes, limit ${MAX_FILE_BYTES}); not checked`,
    );
  }
  const decoded = decode(bytes);
  if ('problem' in decoded) return { ...problemDocument(uri, 'decode', '', ''), problems: [decoded.problem] };
  return readReport({ uri, text: decoded.text });
}

/** The same issuer's report for the year before, among the reports checked together. */
export function findPrevious(doc: ReportDocument, docs: ReportDocument[]): ReportDocument | undefined {
  const issuer = doc.meta.issuer?.value;
  const year = reportYear(doc);
  if (!issuer || year === undefined) return undefined;
  const key = labelKey(issuer);
  return docs.find((d) => d !== doc && d.meta.issuer && labelKey(d.meta.issuer.value) === key && reportYear(d) === year - 1);
}

/** The bundled packs and one checker per locale; reports are read once and checked again on every change of locale or pack. */
export class WebChecker {
  readonly packs: Pack[];
  private readonly checkers = new Map<Locale, Checker>();
  private docs: ReportDocument[] = [];
  private last: { locale: Locale; diagnostics: Diagnostic[] } | undefined;

  constructor(packs: Pack[] = bundledPacks()) {
    this.packs = packs;
  }

  packInfo(): PackInfo[] {
    return this.packs.map((p) => ({ id: p.id, abstract: p.abstract, ...(p.title ? { title: p.title } : {}) }));
  }

  private checker(locale: Locale): Checker {
    let checker = this.checkers.get(locale);
    if (!checker) {
      checker = new Checker(this.packs, { locale });
      this.checkers.set(locale, checker);
    }
    return checker;
  }

  /**
   * Reads and checks a made-up report over and over for up to `budgetMs`, for nothing but to have the reader and the
   * checkers compiled before the first real report: Chromium compiles hot code later than Node, and a cold worker
   * read a 1 MB report in 1.2 s where a warm one took 0.75 s. Results are dropped. Between rounds it yields to the
   * worker's messages and stops as soon as `stop()` says so (a real report has arrived).
   */
  async warmUp(budgetMs = 1_500, stop: () => boolean = () => false): Promise<void> {
    const text = warmUpReport();
    const started = performance.now();
    let rounds = 0;
    while (rounds < 20 && performance.now() - started < budgetMs && !stop()) {
      const doc = readReport({ uri: 'warm-up.txt', text });
      for (const locale of ['zh-CN', 'en'] as const) await this.checker(locale).check({ doc });
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  load(inputs: ReportInput[]): void {
    this.docs = inputs.map(readInput);
  }

  async check(locale: Locale, packId?: string): Promise<{ files: FileResult[]; rules: Record<string, RuleInfo> }> {
    const checker = this.checker(locale);
    const forced = packId ? this.packs.filter((p) => p.id === packId) : undefined;
    if (packId && !forced?.length) throw new Error(`unknown pack ${packId}`);
    const files: FileResult[] = [];
    const all: Diagnostic[] = [];
    for (const doc of this.docs) {
      const unreadable = doc.problems.some((p) => UNREADABLE.has(p.code));
      const packs = unreadable ? [] : forced;
      const previous = findPrevious(doc, this.docs);
      const diagnostics = await checker.check({ doc, packs, previous });
      const recognised = unreadable ? [] : checker.packsFor(doc).packs.map((p) => p.id);
      all.push(...diagnostics);
      files.push({
        uri: doc.uri,
        text: doc.text,
        format: doc.format,
        recognised,
        applied: packs ? packs.map((p) => p.id) : recognised,
        diagnostics,
        ...(previous ? { previous: previous.uri } : {}),
      });
    }
    this.last = { locale, diagnostics: all };
    return { files, rules: this.rulesOf(all) };
  }

  private rulesOf(diagnostics: Diagnostic[]): Record<string, RuleInfo> {
    const out: Record<string, RuleInfo> = {};
    for (const { ruleId } of diagnostics) {
      if (out[ruleId]) continue;
      for (const pack of this.packs) {
        const rule = pack.rules.find((r) => r.id === ruleId);
        if (!rule) continue;
        out[ruleId] = { id: rule.id, severity: rule.severity, description: ruleMeta(rule).description, ...(rule.doc ? { doc: rule.doc } : {}) };
        break;
      }
    }
    return out;
  }

  private ruleMetas(diagnostics: Diagnostic[]): RuleMeta[] {
    const ids = new Set(diagnostics.map((d) => d.ruleId));
    const out = new Map<string, RuleMeta>();
    for (const pack of this.packs) for (const rule of pack.rules) if (ids.has(rule.id) && !out.has(rule.id)) out.set(rule.id, ruleMeta(rule));
    return [...out.values()];
  }

  /** The last results in one of the command line's formats, for saving. */
  export(format: ExportFormat, locale: Locale, toolVersion: string): { text: string; fileName: string; mime: string } {
    const diagnostics = this.last?.diagnostics ?? [];
    const input = { diagnostics, rules: this.ruleMetas(diagnostics), files: this.docs.map((d) => ({ uri: d.uri, text: d.text })) };
    const options = { locale, color: false, toolVersion };
    if (format === 'sarif') return { text: sarif(input, options), fileName: 'crossfoot.sarif', mime: 'application/sarif+json' };
    if (format === 'markdown') return { text: markdown(input, options), fileName: 'crossfoot.md', mime: 'text/markdown' };
    return { text: json(input, options), fileName: 'crossfoot.json', mime: 'application/json' };
  }
}
