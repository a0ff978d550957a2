import { Engine, Fact, type RuleResult } from 'json-rules-engine';
import { type CheckContext, type Finding, reportYear, runCheck } from './checks.ts';
import { type Diagnostic, docsUrl, type Locale, type RuleMeta, type Severity, sortDiagnostics } from './diagnostic.ts';
import { CrossfootError, CrossfootErrors } from './errors.ts';
import { LineIndex } from './lines.ts';
import { CHECK_MESSAGES, ENGINE_MESSAGES, render } from './messages.ts';
import type { Range, ReportDocument } from './model.ts';
import type { Pack, RuleDef } from './pack.ts';
import { LONG_DOCUMENT } from './part-memo.ts';
import { isUnresolved, Resolver } from './resolve.ts';
import { rulePart, type Timings } from './timing.ts';

export type SeverityOverride = Severity | 'off';

/**
 * Findings listed per file. A broken table can fail one check in every cell; past this many, one finding says
 * how many more there are (with the highest severity among them, so the exit status stays the same).
 */
export const MAX_FINDINGS_PER_FILE = 1000;

/** A custom json-rules-engine operator, from a plugin the user's config names. */
export type Operator = (factValue: unknown, compareTo: unknown) => boolean;

/** json-rules-engine's own operators, usable in a pack's raw `conditions`. */
export const BUILTIN_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

export interface CheckerOptions {
  locale: Locale;
  /** Custom operators for raw `conditions` (plugins load only when the user's config names them). */
  operators?: Record<string, Operator>;
  /** Per-rule severity from the config: `<pack>/<rule>` → severity or `off`. */
  rules?: Record<string, SeverityOverride>;
  /** Findings listed per file (config `limits.findings-per-file`); default `MAX_FINDINGS_PER_FILE`. */
  findingsPerFile?: number;
  /** Where to add the time each check takes, when a run measures it (timing.ts). */
  timings?: Timings;
}

export interface CheckRequest {
  doc: ReportDocument;
  /** The same issuer's previous report, for `previous-report` rules. */
  previous?: ReportDocument;
  /** Packs to apply; default: the document's declared packs, else every pack that recognises it. */
  packs?: Pack[];
  /**
   * When (`Date.now()`) checking this file must stop (config `limits.seconds-per-file`, counted from when its
   * reading began): packs not yet run are skipped with a `crossfoot/time-limit` finding.
   */
  deadline?: number;
  /** The seconds the deadline stands for, as the finding says. */
  seconds?: number;
}

interface RunContext extends CheckContext {
  rules: Map<string, RuleDef>;
  timings: Timings | undefined;
}

/**
 * One json-rules-engine per pack, built once and reused for every document. Each pack rule is one
 * engine rule whose custom fact evaluates every instance of its relation in the document at once
 * (one per column, per row, per statement), so a document costs a few engine rules, not one per cell.
 */
class CompiledPack {
  readonly engine: Engine;
  readonly rules = new Map<string, RuleDef>();

  constructor(
    readonly pack: Pack,
    off: (id: string) => boolean,
    operators: Record<string, Operator>,
  ) {
    this.engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
    for (const [name, fn] of Object.entries(operators)) this.engine.addOperator(name, fn);
    this.engine.addOperator('violated', (found: unknown, expected: unknown) => (Array.isArray(found) && found.length > 0) === expected);
    // Every check of the pack in one fact, for one engine rule: an engine rule per pack rule cost json-rules-engine a
    // condition evaluation and a deep copy of the rule's conditions for each, about a tenth of the rules' time.
    // Asked for once a run, it keeps no cached value: caching hashes the fact's id and parameters (hash-it) at every run.
    this.engine.addFact(
      FINDINGS_FACT,
      async (_params: unknown, almanac) => {
        const ctx = (await almanac.factValue(CONTEXT_FACT)) as RunContext;
        const found: { rule: string; finding: Finding }[] = [];
        const { timings } = ctx;
        for (const rule of ctx.rules.values()) {
          if (rule.check.kind === 'conditions') continue;
          const start = timings ? timings.now() : 0;
          for (const finding of runCheck(ctx, rule.check)) found.push({ rule: rule.id, finding });
          if (timings) timings.add(rulePart(rule.id), timings.now() - start);
        }
        return found;
      },
      { cache: false },
    );
    for (const fact of Object.values(pack.facts)) {
      this.engine.addFact(fact.name, async (_params: unknown, almanac) => {
        const ctx = (await almanac.factValue(CONTEXT_FACT)) as RunContext;
        const v = ctx.resolver.fact(fact);
        return isUnresolved(v) ? undefined : v.value.toNumber();
      });
    }
    let checks = false;
    for (const rule of pack.rules) {
      if (off(rule.id)) continue;
      this.rules.set(rule.id, rule);
      if (rule.check.kind === 'conditions') {
        this.engine.addRule({ name: rule.id, conditions: rule.check.conditions as never, event: { type: 'holds', params: { rule: rule.id } } });
      } else checks = true;
    }
    if (checks) {
      this.engine.addRule({
        name: CHECKS_RULE,
        conditions: { all: [{ fact: FINDINGS_FACT, operator: 'violated', value: true }] },
        event: { type: 'violated', params: { pack: pack.id } },
      });
    }
  }

  async run(
    doc: ReportDocument,
    previous: ReportDocument | undefined,
    lines: LineIndex,
    timings: Timings | undefined,
  ): Promise<{ rule: RuleDef; finding: Finding }[]> {
    const resolver = new Resolver(doc, this.pack, previous ? new Resolver(previous, this.pack) : undefined);
    const ctx: RunContext = { doc, pack: this.pack, resolver, lines, rules: this.rules, timings };
    // The run's context as a fact made for it, uncached for the same reason as `findings`.
    const { results, failureResults } = await this.engine.run({ [CONTEXT_FACT]: new Fact(CONTEXT_FACT, ctx, { cache: false }) });
    const out: { rule: RuleDef; finding: Finding }[] = [];
    for (const result of results) {
      if (result.name !== CHECKS_RULE) continue;
      for (const { rule: id, finding } of findingsOf(result)) {
        const rule = this.rules.get(id);
        if (rule) out.push({ rule, finding });
      }
    }
    for (const result of failureResults) {
      const rule = this.rules.get(result.name as string);
      if (!rule || rule.check.kind !== 'conditions') continue;
      const values = rule.check.facts.map((f) => {
        const def = this.pack.facts[f];
        return { name: f, value: def ? resolver.fact(def) : undefined };
      });
      if (values.some((v) => !v.value || isUnresolved(v.value))) continue;
      const operands = values.flatMap((v) => (v.value && !isUnresolved(v.value) ? v.value.operands : []));
      const first = operands[0];
      out.push({
        rule,
        finding: {
          messageId: 'failed',
          data: { facts: values.map((v) => `${v.name} = ${v.value && !isUnresolved(v.value) ? v.value.value.toString() : '?'}`).join(', ') },
          range: first?.range ?? lines.range(0, 0),
          related: operands.slice(1).map((o) => ({ uri: o.uri, range: o.range, label: `${o.label} = ${o.text}` })),
        },
      });
    }
    return out;
  }
}

/**
 * The engine's own facts: every check of a pack, and the context of a run. A pack's fact names cannot begin with `#`
 * (the pack schema's `name`), so a pack's facts never replace these: a pack fact once named `findings` took the place
 * of every check, and the run passed without them.
 */
const FINDINGS_FACT = '#findings';
const CONTEXT_FACT = '#context';

/** The engine rule that runs every check of a pack (its rules' own checks; `conditions` rules are engine rules of their own). */
const CHECKS_RULE = '#checks';

function findingsOf(result: RuleResult): { rule: string; finding: Finding }[] {
  const conditions = (result.conditions as { all?: { factResult?: unknown }[] }).all ?? [];
  const found = conditions[0]?.factResult;
  return Array.isArray(found) ? (found as { rule: string; finding: Finding }[]) : [];
}

/** Checks documents against packs and turns findings into sorted, localised diagnostics. */
export class Checker {
  private readonly compiled = new Map<Pack, CompiledPack>();
  /** Diagnostics made from findings of long documents, by finding (`diagnosticOf`). */
  private readonly made = new WeakMap<Finding, { rule: RuleDef; uri: string; diagnostic: Diagnostic | undefined }>();

  constructor(
    readonly packs: Pack[],
    readonly options: CheckerOptions,
  ) {
    // An operator nobody provides would only fail mid-run: refuse it up front, at the rule.
    const known = new Set([...BUILTIN_OPERATORS, ...Object.keys(options.operators ?? {})]);
    const errors: CrossfootError[] = [];
    for (const pack of packs) {
      for (const rule of pack.rules) {
        if (rule.check.kind !== 'conditions') continue;
        for (const op of rule.check.operators) {
          if (!known.has(op)) {
            errors.push(
              new CrossfootError(
                'unknown-operator',
                `rule "${rule.name}" uses the operator "${op}", which neither json-rules-engine nor a plugin named in the config provides`,
                rule.file,
                rule.checkRange,
              ),
            );
          }
        }
      }
    }
    if (errors.length) throw new CrossfootErrors(errors);
  }

  private compile(pack: Pack): CompiledPack {
    let c = this.compiled.get(pack);
    if (!c) {
      c = new CompiledPack(pack, (id) => this.options.rules?.[id] === 'off', this.options.operators ?? {});
      this.compiled.set(pack, c);
    }
    return c;
  }

  /** Packs that apply to a document when none is forced: those it declares, else those that recognise it. */
  packsFor(doc: ReportDocument): { packs: Pack[]; unknown: string[] } {
    const declared = doc.meta.packs?.value;
    if (declared?.length) {
      const packs = declared.map((id) => this.packs.find((p) => p.id === id)).filter((p): p is Pack => !!p);
      return { packs, unknown: declared.filter((id) => !this.packs.some((p) => p.id === id)) };
    }
    return { packs: this.packs.filter((p) => recognises(p, doc)), unknown: [] };
  }

  async check(request: CheckRequest): Promise<Diagnostic[]> {
    const { timings } = this.options;
    if (!timings) return this.checkTimed(request, undefined);
    const start = timings.now();
    timings.documents++;
    try {
      return await this.checkTimed(request, timings);
    } finally {
      timings.add('check', timings.now() - start);
    }
  }

  private async checkTimed(request: CheckRequest, timings: Timings | undefined): Promise<Diagnostic[]> {
    const { doc } = request;
    const lines = LineIndex.of(doc.text);
    const diagnostics: Diagnostic[] = doc.problems.map((p) =>
      engineDiagnostic(doc.uri, `crossfoot/${p.code}`, p.severity, p.code, p.message[this.options.locale], p.range, {}),
    );
    let packs = request.packs;
    if (!packs) {
      const start = timings ? timings.now() : 0;
      const found = this.packsFor(doc);
      if (timings) timings.add('recognise', timings.now() - start);
      packs = found.packs;
      for (const id of found.unknown) {
        const range = doc.meta.packs?.range ?? lines.range(0, 0);
        diagnostics.push(
          engineDiagnostic(
            doc.uri,
            'crossfoot/unknown-pack',
            'error',
            'unknown-pack',
            render(ENGINE_MESSAGES['unknown-pack']!, this.options.locale, { pack: id }),
            range,
            { pack: id },
          ),
        );
      }
      if (!packs.length && !found.unknown.length) {
        diagnostics.push(
          engineDiagnostic(
            doc.uri,
            'crossfoot/no-pack',
            'info',
            'no-pack',
            render(ENGINE_MESSAGES['no-pack']!, this.options.locale, {}),
            lines.range(0, lines.lineEnd(1)),
            {},
          ),
        );
      }
    }
    const seen = new Set<string>();
    for (const [i, pack] of packs.entries()) {
      if (request.deadline !== undefined && Date.now() > request.deadline) {
        const data = {
          seconds: String(request.seconds ?? Math.round((request.deadline - Date.now()) / 1000)),
          packs: packs
            .slice(i)
            .map((p) => p.id)
            .join(', '),
        };
        const message = render(ENGINE_MESSAGES['time-limit']!, this.options.locale, data);
        diagnostics.push(engineDiagnostic(doc.uri, 'crossfoot/time-limit', 'error', 'time-limit', message, lines.range(0, 0), data));
        break;
      }
      for (const { rule, finding } of await this.compile(pack).run(doc, request.previous, lines, timings)) {
        const diagnostic = this.diagnosticOf(doc, rule, finding);
        if (!diagnostic) continue;
        const key = `${diagnostic.ruleId}|${diagnostic.range.start.line}:${diagnostic.range.start.column}|${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(diagnostic);
      }
    }
    return capFindings(sortDiagnostics(diagnostics.filter((d) => !suppressed(doc, d))), this.options.locale, this.options.findingsPerFile);
  }

  /**
   * The diagnostic of a finding. A check of a long document keeps its findings for the parts an edit did not change
   * (`part-memo.ts`) and gives the same objects again: so are their diagnostics, made once.
   */
  private diagnosticOf(doc: ReportDocument, rule: RuleDef, finding: Finding): Diagnostic | undefined {
    if (doc.text.length < LONG_DOCUMENT) return this.toDiagnostic(doc, rule, finding);
    const known = this.made.get(finding);
    if (known && known.rule === rule && known.uri === doc.uri) return known.diagnostic;
    const diagnostic = this.toDiagnostic(doc, rule, finding);
    this.made.set(finding, { rule, uri: doc.uri, diagnostic });
    return diagnostic;
  }

  private toDiagnostic(doc: ReportDocument, rule: RuleDef, finding: Finding): Diagnostic | undefined {
    const override = this.options.rules?.[rule.id];
    if (override === 'off') return undefined;
    const template = rule.messages[finding.messageId] ?? CHECK_MESSAGES[rule.check.kind][finding.messageId];
    const message = template ? render(template, this.options.locale, finding.data) : `${rule.id}: ${finding.messageId}`;
    return {
      ruleId: rule.id,
      severity: override ?? rule.severity,
      message,
      messageId: finding.messageId,
      data: finding.data,
      uri: doc.uri,
      range: finding.range,
      related: finding.related,
      ...(finding.arithmetic
        ? {
            expected: finding.arithmetic.expected,
            actual: finding.arithmetic.actual,
            arithmetic: { ...finding.arithmetic, precision: precisionLabel(finding.arithmetic.precision, this.options.locale) },
          }
        : {}),
      url: docsUrl(rule.id),
    };
  }

  /** Every rule of every pack, for SARIF's rule list and `explain`. */
  rules(): RuleMeta[] {
    const out = new Map<string, RuleMeta>();
    for (const pack of this.packs) {
      for (const rule of pack.rules) {
        if (out.has(rule.id) || this.options.rules?.[rule.id] === 'off') continue;
        out.set(rule.id, ruleMeta(rule, this.options.rules?.[rule.id]));
      }
    }
    return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

export function ruleMeta(rule: RuleDef, override?: SeverityOverride): RuleMeta {
  const fallback =
    rule.doc
      ?.split('\n')
      .find((l) => l.trim() && !l.startsWith('#'))
      ?.trim() ?? rule.name;
  return {
    id: rule.id,
    description: rule.description ?? { 'zh-CN': fallback, en: fallback },
    severity: override && override !== 'off' ? override : rule.severity,
    url: docsUrl(rule.id),
    pack: rule.id.slice(0, rule.id.indexOf('/')),
  };
}

/** `exact` or `±0.05`, in the reader's language. */
function precisionLabel(precision: string, locale: Locale): string {
  if (precision === 'exact') return locale === 'zh-CN' ? '精确比较' : 'exact';
  return locale === 'zh-CN' ? `允许误差 ${precision}（按所写精度）` : `${precision} (at the precision written)`;
}

function engineDiagnostic(
  uri: string,
  ruleId: string,
  severity: Severity,
  messageId: string,
  message: string,
  range: Range,
  data: Record<string, string>,
): Diagnostic {
  return { ruleId, severity, message, messageId, data, uri, range, related: [], url: docsUrl(ruleId) };
}

function capFindings(diagnostics: Diagnostic[], locale: Locale, limit = MAX_FINDINGS_PER_FILE): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics;
  const kept = diagnostics.slice(0, limit);
  const omitted = diagnostics.slice(limit);
  const first = omitted[0] as Diagnostic;
  const severity: Severity = omitted.some((d) => d.severity === 'error') ? 'error' : omitted.some((d) => d.severity === 'warning') ? 'warning' : 'info';
  const data = { omitted: String(omitted.length), limit: String(limit) };
  const note = engineDiagnostic(
    first.uri,
    'crossfoot/too-many-findings',
    severity,
    'too-many-findings',
    render(ENGINE_MESSAGES['too-many-findings']!, locale, data),
    first.range,
    data,
  );
  return sortDiagnostics([...kept, note]);
}

function suppressed(doc: ReportDocument, d: Diagnostic): boolean {
  const line = d.range.start.line;
  const short = d.ruleId.slice(d.ruleId.indexOf('/') + 1);
  return doc.suppressions.some(
    (s) => line >= s.fromLine && line <= s.toLine && (s.rules.length === 0 || s.rules.includes(d.ruleId) || s.rules.includes(short)),
  );
}

/** Whether a pack's `recognize` conditions all hold for a document. Packs without them apply only when named. */
export function recognises(pack: Pack, doc: ReportDocument): boolean {
  const r = pack.recognize;
  if (pack.abstract || !r) return false;
  const title = doc.meta.title?.value ?? doc.text.slice(0, 200);
  if (r.title && !r.title.test(title)) return false;
  if (r.text && !r.text.test(doc.text)) return false;
  if (r.notText?.test(doc.text)) return false;
  // The year before the tables: it is known at once, and it tells a format's packs apart before their tables are
  // looked for row by row.
  if (r.year) {
    const year = reportYear(doc);
    if (year === undefined) return false;
    if (r.year.min !== undefined && year < r.year.min) return false;
    if (r.year.max !== undefined && year > r.year.max) return false;
  }
  if (r.tables.length) {
    const resolver = new Resolver(doc, pack);
    if (!r.tables.every((t) => resolver.table(t))) return false;
  }
  return true;
}
