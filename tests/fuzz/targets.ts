import { parse, stringify } from 'yaml';
import { decode, readBinaryReport, readReport, toMarkdown } from '../../packages/adapters/src/index.ts';
import {
  Checker,
  CrossfootError,
  CrossfootErrors,
  DEFAULT_LIMITS,
  type Diagnostic,
  LineIndex,
  loadPack,
  MAX_FINDINGS_PER_FILE,
  type Pack,
  parseConfig,
  type Range,
  type ReportDocument,
} from '../../packages/core/src/index.ts';
import { memoryHost } from '../../packages/core/test/helpers.ts';
import { type Budget, encode, mutateBytes, mutateText, NUMERALS } from './mutate.ts';
import type { Rng } from './rng.ts';
import { binaries, configText, packFiles, packIds, reports } from './seeds.ts';

/** One generated input and how to run it: `run` returns the broken promises (empty when all hold). */
export interface Case {
  /** What was generated, for the report of a failure. */
  describe: string;
  /** The input itself, written out when the case fails so it can be replayed. */
  input: string | Uint8Array;
  size: number;
  run(): Promise<string[]>;
}

export type Target = (rng: Rng, budget: Budget) => Case;

// The shipped packs, loaded once per process.
const host = memoryHost(packFiles);
const shipped: Pack[] = packIds.map((id) => loadPack(id, host));
const checkers = { 'zh-CN': new Checker(shipped, { locale: 'zh-CN' }), en: new Checker(shipped, { locale: 'en' }) };
const seedDocs = reports.map((r) => readReport(r));
const PROTO = Object.getOwnPropertyNames(Object.prototype).join(',');

/** A range inside `text`: 1-based, start ≤ end, on an existing line, columns within the line (UTF-16, end exclusive). */
function rangeViolations(index: LineIndex, range: Range | undefined, what: string): string[] {
  if (!range) return [`${what}: no range`];
  const { start, end } = range;
  const bad = (p: { line: number; column: number }) =>
    !Number.isInteger(p.line) ||
    !Number.isInteger(p.column) ||
    p.line < 1 ||
    p.column < 1 ||
    p.line > index.lineCount ||
    p.column > index.lineText(p.line).length + 1;
  if (bad(start) || bad(end)) return [`${what}: range ${JSON.stringify(range)} outside the text (${index.lineCount} lines)`];
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return [`${what}: range ends before it starts ${JSON.stringify(range)}`];
  return [];
}

function prototypeViolations(): string[] {
  const now = Object.getOwnPropertyNames(Object.prototype).join(',');
  const polluted = ({} as Record<string, unknown>).polluted;
  return now !== PROTO || polluted !== undefined ? ['Object.prototype was changed'] : [];
}

/** Promises every document keeps, whatever it was read from. */
export function documentViolations(doc: ReportDocument, text: string): string[] {
  const out: string[] = [];
  if (doc.text !== text) out.push('the document text differs from the input');
  const index = new LineIndex(text);
  for (const p of doc.problems) {
    if (p.code === 'internal') out.push(`internal problem: ${p.message.en}`);
    if (!p.message.en || !p.message['zh-CN'] || /\{\w+\}/u.test(p.message.en)) out.push(`problem ${p.code} has an unfilled message: ${p.message.en}`);
    out.push(...rangeViolations(index, p.range, `problem ${p.code}`));
  }
  for (const t of doc.tables) {
    out.push(...rangeViolations(index, t.range, `table ${t.id}`));
    for (const r of t.rows) {
      out.push(...rangeViolations(index, r.range, `row ${r.label}`));
      for (const c of r.cells) {
        out.push(...rangeViolations(index, c.range, `cell ${c.text}`));
        if (c.value !== undefined && !/^-?\d+(\.\d+)?$/u.test(c.value)) out.push(`cell value is not a decimal: ${c.value.slice(0, 40)}`);
      }
    }
  }
  for (const s of doc.statements) for (const q of [s.total, ...s.parts]) out.push(...rangeViolations(index, q.range, `statement ${q.text}`));
  for (const d of doc.dates) out.push(...rangeViolations(index, d.range, `date ${d.text}`));
  const walk = (sections: ReportDocument['sections']) => {
    for (const s of sections) {
      out.push(...rangeViolations(index, s.range, `section ${s.title.slice(0, 20)}`));
      walk(s.children);
    }
  };
  walk(doc.sections);
  return out.slice(0, 20);
}

function diagnosticViolations(diagnostics: Diagnostic[], doc: ReportDocument): string[] {
  const out: string[] = [];
  const index = new LineIndex(doc.text);
  if (diagnostics.filter((d) => d.uri === doc.uri).length > MAX_FINDINGS_PER_FILE + 1) out.push(`${diagnostics.length} findings, over the limit`);
  for (const d of diagnostics) {
    if (d.uri !== doc.uri) out.push(`finding on another file: ${d.uri}`);
    if (!d.message || /\{[A-Za-z][\w-]*\}/u.test(d.message)) out.push(`${d.ruleId}: unfilled message ${d.message}`);
    if (!['error', 'warning', 'info'].includes(d.severity)) out.push(`${d.ruleId}: severity ${d.severity}`);
    if (d.ruleId === 'crossfoot/internal' || d.ruleId === 'crossfoot/rule-failed') out.push(`${d.ruleId}: ${d.message}`);
    out.push(...rangeViolations(index, d.range, d.ruleId));
    for (const r of d.related) if (r.uri === doc.uri) out.push(...rangeViolations(index, r.range, `${d.ruleId} related ${r.label}`));
  }
  return out.slice(0, 20);
}

/** A located CrossfootError (every error of a CrossfootErrors) passes; anything else thrown is a crash. */
function errorViolations(error: unknown, files: Record<string, string>): string[] {
  if (!(error instanceof CrossfootError)) throw error;
  const all = error instanceof CrossfootErrors ? error.errors : [error];
  const out: string[] = [];
  for (const e of all) {
    if (!e.file) {
      out.push(`CrossfootError without a file: ${e.format()}`);
      continue;
    }
    const text = files[e.file];
    if (text === undefined) continue;
    out.push(...rangeViolations(new LineIndex(text), e.range, `${e.code} ${e.message.slice(0, 80)}`));
  }
  return out;
}

/** A report mutated one to five times, as text and sometimes as bytes. */
function mutatedReport(rng: Rng, budget: Budget, bytesToo: boolean): { uri: string; text: string; bytes?: Uint8Array; steps: string } {
  const seed = rng.pick(reports);
  let text = seed.text;
  const n = rng.size(1, 5);
  for (let i = 0; i < n; i++) text = mutateText(text, rng, budget);
  // Sometimes the wrong reader for the content: HTML read as Markdown, YAML as text.
  const uri = rng.chance(0.1) ? seed.uri.replace(/\.\w+$/u, rng.pick(['.md', '.txt', '.html', '.yaml', '.htm', '.markdown', '.yml', ''])) : seed.uri;
  if (!bytesToo || rng.chance(0.5)) return { uri, text, steps: `${seed.uri} + ${n} text mutations` };
  let bytes = encode(text, rng);
  const m = rng.int(3);
  for (let i = 0; i < m; i++) bytes = mutateBytes(bytes, rng);
  return { uri, text, bytes, steps: `${seed.uri} + ${n} text mutations, encoded, + ${m} byte mutations` };
}

/** The default time limit, as the command line sets it for each file it reads and checks. */
const SECONDS = DEFAULT_LIMITS.secondsPerFile;
const timeLimit = () => ({ deadline: Date.now() + SECONDS * 1000, seconds: SECONDS });

/** Decodes like the CLI: an undecodable file is one located `decode` problem. */
function readInput(input: { uri: string; text: string; bytes?: Uint8Array }): { doc?: ReportDocument; text?: string; violations: string[] } {
  if (!input.bytes) return { doc: readReport({ uri: input.uri, text: input.text, limits: timeLimit() }), text: input.text, violations: [] };
  const decoded = decode(input.bytes);
  if ('problem' in decoded) {
    const p = decoded.problem;
    const ok = p.code === 'decode' && p.severity === 'error' && p.message.en && p.range.start.line >= 1;
    return { violations: ok ? [] : [`bad decode problem ${JSON.stringify(p)}`] };
  }
  return { doc: readReport({ uri: input.uri, text: decoded.text, limits: timeLimit() }), text: decoded.text, violations: [] };
}

const read: Target = (rng, budget) => {
  const input = mutatedReport(rng, budget, true);
  return {
    describe: `${input.uri}: ${input.steps}`,
    input: input.bytes ?? input.text,
    size: input.bytes?.length ?? input.text.length,
    async run() {
      const { doc, text, violations } = readInput(input);
      if (doc && text !== undefined) violations.push(...documentViolations(doc, text));
      return [...violations, ...prototypeViolations()];
    },
  };
};

/**
 * PDF and Word files, damaged byte by byte, and text reports as bytes, through `readBinaryReport` (which tells
 * the format from the bytes): a document or a located problem, never an `internal` one.
 */
const binary: Target = (rng, budget) => {
  let uri: string;
  let bytes: Uint8Array;
  let steps: string;
  if (rng.chance(0.75)) {
    const seed = rng.pick(binaries);
    uri = rng.chance(0.1) ? seed.uri.replace(/\.\w+$/u, rng.pick(['.pdf', '.docx', '.doc', '.txt', ''])) : seed.uri;
    bytes = seed.bytes;
    const m = rng.size(1, 4);
    for (let i = 0; i < m; i++) bytes = mutateBytes(bytes, rng);
    steps = `${seed.uri} + ${m} byte mutations`;
  } else {
    const input = mutatedReport(rng, budget, true);
    uri = input.uri;
    bytes = input.bytes ?? encode(input.text, rng);
    steps = input.steps;
  }
  return {
    describe: `binary ${uri}: ${steps}`,
    input: bytes,
    size: bytes.length,
    async run() {
      const doc = await readBinaryReport({ uri, bytes, limits: timeLimit() });
      return [...documentViolations(doc, doc.text), ...prototypeViolations()];
    },
  };
};

const importTarget: Target = (rng, budget) => {
  const input = mutatedReport(rng, budget, false);
  return {
    describe: `import ${input.uri}: ${input.steps}`,
    input: input.text,
    size: input.text.length,
    async run() {
      const doc = readReport({ uri: input.uri, text: input.text, limits: timeLimit() });
      const markdown = toMarkdown(doc);
      if (typeof markdown !== 'string') return ['toMarkdown returned no text'];
      const again = readReport({ uri: 'imported.md', text: markdown, limits: timeLimit() });
      const out = [...documentViolations(doc, input.text), ...documentViolations(again, markdown).map((v) => `re-read: ${v}`)];
      if (doc.format === 'markdown' && markdown !== input.text) out.push('import changed a Markdown report');
      return [...out, ...prototypeViolations()];
    },
  };
};

const check: Target = (rng, budget) => {
  const input = mutatedReport(rng, budget, true);
  const locale = rng.chance(0.5) ? 'zh-CN' : 'en';
  const forced = rng.chance(0.3) ? [rng.pick(shipped)] : undefined;
  const picked = rng.chance(0.5) ? rng.pick(seedDocs) : undefined;
  // Two files never share a name: last year's report, picked from the same seeds, gets its own (related locations
  // in it are then told apart from those in the report checked).
  const previous = picked && picked.uri === input.uri ? { ...picked, uri: `previous/${picked.uri}` } : picked;
  return {
    describe: `check ${input.uri} (${locale}${forced ? `, --pack ${forced[0]?.id}` : ''}${previous ? `, previous ${previous.uri}` : ''}): ${input.steps}`,
    input: input.bytes ?? input.text,
    size: input.bytes?.length ?? input.text.length,
    async run() {
      const deadline = Date.now() + SECONDS * 1000;
      const { doc, violations } = readInput(input);
      if (!doc) return violations;
      const diagnostics = await checkers[locale].check({ doc, previous, packs: forced, deadline, seconds: SECONDS });
      return [...violations, ...diagnosticViolations(diagnostics, doc), ...prototypeViolations()];
    },
  };
};

/** Values a pack or config author could write where a string, number, list or mapping is expected. */
function oddValue(rng: Rng, budget: Budget): unknown {
  switch (rng.int(14)) {
    case 0:
      return rng.pick(['(a+)+$', '(a|a)*b', '(?i)TOTAL', '[', '(', '*', '\\', '(?=x)', '(?P<n>x)\\1', 'a{1000}{1000}', '\\p{Han}+', '~(a+)+$', '^$', '']);
    case 1:
      return rng.pick(NUMERALS);
    case 2:
      return rng.pick([0, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 2 ** 53 + 1, 1.5, 99999999999]);
    case 3:
      return rng.pick([null, true, false, [], {}, [[]], { a: {} }]);
    case 4:
      return rng.pick([
        'T3[一] + T3[二] = T3[（七）] + T3[四]',
        `${'('.repeat(rng.size(1, 200))}a${')'.repeat(rng.size(0, 200))} = 1`,
        `${'a + '.repeat(rng.size(1, 2000))}a = b`,
        `${'-'.repeat(rng.size(1, 500))}1 = 1`,
        'sum(T1[一].children) >= previous.total',
        'T1[ = 1',
        'constructor = __proto__',
        'toString[一][总计] = hasOwnProperty',
        'a ＝ b ＋ c',
        '1 = 1',
      ]);
    case 5:
      return rng.pick(['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']);
    case 6: {
      let v: unknown = 'x';
      for (let d = rng.size(1, 120); d > 0; d--) v = rng.chance(0.5) ? [v] : { a: v };
      return v;
    }
    case 7:
      return 'x'.repeat(rng.size(1, Math.min(budget.line, 1_000_000)));
    case 8:
      return rng.pick(['../../../../etc/passwd', 'plugin.js', './evil.mjs', 'node:fs', 'data:text/javascript,process.exit(7)', 'https://example.com/x.js']);
    case 9:
      return { 'zh-CN': '{constructor}{__proto__}{toString}', en: '{a}{b}{constructor}' };
    case 10:
      return rng.pick(['#0', '#-1', '#99999999999', '~(a+)+$', '（三）/1/2/3', '其中：', '', ' ']);
    case 11:
      return { all: [{ fact: rng.pick(['constructor', '__proto__', 'x', 'total']), operator: rng.pick(['equal', 'evil', 'constructor']), value: 1 }] };
    case 12:
      return rng.pick(['01-01', '02-30', '13-01', '12-31', '2024-02-30', 'yesterday']);
    default:
      return rng.pick(['error', 'warning', 'info', 'off', 'fatal', 'zh-CN', 'en', 'xx']);
  }
}

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'extends', 'rules', 'tables', 'facts', 'check', 'recognize', 'plugins', 'x'];

/** Mutates a parsed YAML value at a random place: replace, delete, add a key (prototype names among them), or duplicate. */
function mutateStructure(value: unknown, rng: Rng, budget: Budget): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        nodes.push({ parent: v, key: i });
        walk(item);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        nodes.push({ parent: v as Record<string, unknown>, key: k });
        walk(item);
      }
    }
  };
  walk(value);
  if (!nodes.length) return oddValue(rng, budget);
  const { parent, key } = rng.pick(nodes);
  const at = parent as Record<string | number, unknown>;
  switch (rng.int(4)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete at[key];
      break;
    case 1: {
      const target = at[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, rng.pick(KEYS), { value: oddValue(rng, budget), enumerable: true, configurable: true, writable: true });
      } else {
        at[key] = oddValue(rng, budget);
      }
      break;
    }
    case 2:
      if (Array.isArray(parent)) parent.push(...Array.from({ length: rng.size(1, 50) }, () => structuredClone(parent[key as number])));
      else at[key] = oddValue(rng, budget);
      break;
    default:
      at[key] = oddValue(rng, budget);
  }
  return value;
}

function mutateYamlFile(text: string, rng: Rng, budget: Budget): string {
  if (rng.chance(0.4)) {
    let out = text;
    for (let n = rng.size(1, 3); n > 0; n--) out = mutateText(out, rng, budget);
    return out;
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return text;
  }
  for (let n = rng.size(1, 4); n > 0; n--) data = mutateStructure(data, rng, budget);
  try {
    return rng.chance(0.2) ? JSON.stringify(data) : stringify(data, { aliasDuplicateObjects: false });
  } catch {
    return text;
  }
}

const pack: Target = (rng, budget) => {
  const id = rng.pick(packIds);
  const own = Object.keys(packFiles).filter((f) => f.startsWith(`/rules/${id}/`) && /\.ya?ml$/u.test(f));
  const file = rng.chance(0.5) ? `/rules/${id}/pack.yaml` : rng.pick(own);
  const files = { ...packFiles, [file]: mutateYamlFile(packFiles[file] as string, rng, budget) };
  const report = rng.pick(seedDocs);
  const previous = rng.chance(0.3) ? rng.pick(seedDocs) : undefined;
  return {
    describe: `pack ${id}, ${file} mutated, checked on ${report.uri}`,
    input: files[file] as string,
    size: (files[file] as string).length,
    async run() {
      let loaded: Pack;
      try {
        loaded = loadPack(id, memoryHost(files));
      } catch (error) {
        return [...errorViolations(error, files), ...prototypeViolations()];
      }
      let checker: Checker;
      try {
        checker = new Checker([loaded], { locale: rng.chance(0.5) ? 'en' : 'zh-CN' });
      } catch (error) {
        return [...errorViolations(error, files), ...prototypeViolations()];
      }
      const diagnostics = await checker.check({ doc: report, previous, packs: [loaded] });
      return [...diagnosticViolations(diagnostics, report), ...prototypeViolations()];
    },
  };
};

const config: Target = (rng, budget) => {
  const text = mutateYamlFile(configText, rng, budget);
  return {
    describe: 'crossfoot.config.yaml mutated',
    input: text,
    size: text.length,
    async run() {
      try {
        const c = parseConfig('crossfoot.config.yaml', text);
        const out: string[] = [];
        for (const key of ['packs', 'include', 'ignore', 'plugins'] as const) {
          if (!Array.isArray(c[key]) || c[key].some((v) => typeof v !== 'string')) out.push(`config ${key} is not a list of strings`);
        }
        for (const [k, v] of Object.entries(c.rules)) if (!['off', 'info', 'warning', 'error'].includes(v)) out.push(`config rule ${k}: ${String(v)}`);
        return [...out, ...prototypeViolations()];
      } catch (error) {
        return [...errorViolations(error, { 'crossfoot.config.yaml': text }), ...prototypeViolations()];
      }
    },
  };
};

export const TARGETS: Record<string, Target> = { read, binary, import: importTarget, check, pack, config };
