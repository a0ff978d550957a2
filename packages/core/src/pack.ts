import packSchema from '../schemas/crossfoot.pack.schema.json' with { type: 'json' };
import type { Localized, Severity } from './diagnostic.ts';
import { CrossfootError, CrossfootErrors } from './errors.ts';
import { type Expr, FormulaError, parseExpression, parseRelation, type Relation, refsOf } from './formula.ts';
import type { Range } from './model.ts';
import { compilePattern, type Pattern } from './pattern.ts';
import { type ParsedSource, parseSource, type SourcePath } from './source.ts';
import { validateSource } from './validate.ts';

export { packSchema };

/** What the loader needs from the outside world; front ends provide it (core does no I/O). */
export interface PackHost {
  /** Path of the pack file (`pack.yaml`, `pack.yml` or `pack.json`) for an id, npm package or path, relative to `from`. */
  resolvePack(ref: string, from?: string): string | undefined;
  /** File contents, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  /** Joins a path relative to the directory of `file`. */
  resolveRelative(file: string, relative: string): string;
}

export interface TableLocator {
  caption?: Pattern;
  hasRow: Pattern[];
  hasColumn: Pattern[];
}

export interface FactDef {
  name: string;
  table?: string;
  row?: string;
  column?: string;
  statement?: Pattern;
  unit?: string;
  meta?: 'title' | 'issuer' | 'period' | 'published' | 'year';
  label?: Localized;
}

export type CheckDef =
  | { kind: 'sum'; table: string; total?: string; parts?: string[]; relation: '=' | '>='; subsets: boolean; tolerance?: string }
  | { kind: 'table-totals'; table?: string; direction: 'rows' | 'columns' | 'both'; tolerance?: string }
  | { kind: 'compare'; relation: Relation; forEach: 'column' | 'none'; tolerance?: string }
  | {
      kind: 'text-vs-table';
      statement: Pattern;
      notStatement?: Pattern;
      unit?: string;
      section?: Pattern;
      equals: Expr[];
      equalsText: string[];
      tolerance?: string;
    }
  | { kind: 'statement-sums'; when: 'over' | 'under' | 'both'; percentages: boolean }
  | {
      kind: 'date-in-period';
      excludeSections: Pattern[];
      excludeContext?: Pattern;
      onlySections: Pattern[];
      context?: Pattern;
      expect: 'inside' | 'after';
      minPrecision: 'year' | 'month' | 'day';
      allowAfter: number;
    }
  | { kind: 'enumeration'; markers: ('shi' | 'di')[] }
  | { kind: 'period'; requireStated: boolean }
  | { kind: 'deadline'; default: string; byIssuer: { issuer: Pattern; deadline: string }[] }
  | { kind: 'required'; sections: Pattern[]; inOrder: boolean; tables: string[]; rows: { table: string; row: string }[]; cells?: string }
  | { kind: 'previous-report'; relation: Relation; forEach: 'column' | 'none'; tolerance?: string }
  | { kind: 'text-pattern'; pattern?: Pattern; must: 'occur' | 'not-occur'; repeated?: { min: number; max: number; allow: string[] } }
  | { kind: 'conditions'; conditions: Record<string, unknown>; facts: string[]; operators: string[] };

export interface RuleDef {
  /** Full id, `<pack>/<rule>`, named after the pack that defines it. */
  id: string;
  /** Id within its pack. */
  name: string;
  severity: Severity;
  description?: Localized;
  messages: Record<string, Localized>;
  check: CheckDef;
  /** The rule's doc page (Markdown) when found beside it. */
  doc?: string;
  file: string;
  /** Range of the rule's id. */
  range: Range;
  /** Range of the check's options (the relation, the table named…). */
  checkRange: Range;
}

export interface Pack {
  id: string;
  version: string;
  title?: Localized;
  description?: Localized;
  locales: string[];
  abstract: boolean;
  recognize?: {
    title?: Pattern;
    text?: Pattern;
    notText?: Pattern;
    tables: string[];
    year?: { min?: number; max?: number };
  };
  /** `MM-DD` of the first day of the fiscal year. */
  fiscalYearStart: string;
  tables: Record<string, TableLocator>;
  facts: Record<string, FactDef>;
  /** Own and inherited rules; a child's rule with the same name replaces the parent's. */
  rules: RuleDef[];
  /** Ids of the packs extended, nearest first. */
  lineage: string[];
  file: string;
}

type Raw = Record<string, unknown>;

/** Loads a pack and everything it extends; throws a located CrossfootError for any problem. */
export function loadPack(ref: string, host: PackHost, from?: string): Pack {
  return new Loader(host).load(ref, from, []);
}

/**
 * `loadPack` for several packs, each pack file read and built once among them all: the packs that ship with crossfoot
 * extend one base pack, which was otherwise read, checked and built again for each (its files read four times).
 */
export function packLoader(host: PackHost): (ref: string, from?: string) => Pack {
  const loader = new Loader(host);
  return (ref, from) => loader.load(ref, from, []);
}

class Loader {
  private readonly cache = new Map<string, Pack>();
  constructor(private readonly host: PackHost) {}

  load(ref: string, from: string | undefined, chain: string[], at?: { file: string; range: Range }): Pack {
    const file = this.host.resolvePack(ref, from);
    if (!file) throw new CrossfootError('pack-not-found', `cannot find pack "${ref}"`, at?.file ?? from, at?.range);
    if (chain.includes(file)) {
      throw new CrossfootError('extends-cycle', `"extends" forms a cycle: ${[...chain, file].join(' → ')}`, at?.file ?? file, at?.range);
    }
    const cached = this.cache.get(file);
    if (cached) return cached;
    const text = this.host.readFile(file);
    if (text === undefined) throw new CrossfootError('pack-not-found', `cannot read pack file ${file}`, at?.file ?? from, at?.range);
    const source = parseSource(file, text);
    if (typeof source.data !== 'object' || source.data === null || Array.isArray(source.data)) {
      throw new CrossfootError('invalid-type', 'a pack must be a mapping with id, version and rules', file, source.rangeOf([]));
    }
    validateSource(source, packSchema, 'a pack');
    const raw = source.data as Raw;
    const parents = ((raw.extends as string[] | undefined) ?? []).map((p, i) =>
      this.load(p, file, [...chain, file], { file, range: source.rangeOf(['extends', i]) }),
    );
    const pack = this.build(raw, source, parents);
    this.cache.set(file, pack);
    return pack;
  }

  private build(raw: Raw, source: ParsedSource, parents: Pack[]): Pack {
    const file = source.file;
    const errors: CrossfootError[] = [];
    // No prototype: a table or fact a pack names `constructor` or `__proto__` is just a name.
    const tables: Record<string, TableLocator> = Object.create(null);
    const facts: Record<string, FactDef> = Object.create(null);
    const inherited = new Map<string, RuleDef>();
    for (const parent of parents) {
      Object.assign(tables, parent.tables);
      Object.assign(facts, parent.facts);
      for (const rule of parent.rules) inherited.set(rule.name, rule);
    }
    const pattern = (value: string, path: SourcePath): Pattern | undefined => {
      try {
        return compilePattern(value);
      } catch (error) {
        errors.push(new CrossfootError('invalid-pattern', `invalid pattern ${JSON.stringify(value)}: ${(error as Error).message}`, file, source.rangeOf(path)));
        return undefined;
      }
    };
    const patterns = (value: unknown, path: SourcePath): Pattern[] =>
      (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap(
        (v, i) => pattern(String(v), Array.isArray(value) ? [...path, i] : path) ?? [],
      );

    for (const [name, loc] of Object.entries((raw.tables as Record<string, Raw> | undefined) ?? {})) {
      tables[name] = {
        caption: loc.caption === undefined ? undefined : pattern(String(loc.caption), ['tables', name, 'caption']),
        hasRow: patterns(loc['has-row'], ['tables', name, 'has-row']),
        hasColumn: patterns(loc['has-column'], ['tables', name, 'has-column']),
      };
    }
    for (const [name, def] of Object.entries((raw.facts as Record<string, Raw> | undefined) ?? {})) {
      facts[name] = {
        name,
        table: def.table as string | undefined,
        row: def.row as string | undefined,
        column: def.column as string | undefined,
        statement: def.statement === undefined ? undefined : pattern(String(def.statement), ['facts', name, 'statement']),
        unit: def.unit as string | undefined,
        meta: def.meta as FactDef['meta'],
        label: def.label as Localized | undefined,
      };
    }
    const id = raw.id as string;
    const own: RuleDef[] = [];
    ((raw.rules as unknown[] | undefined) ?? []).forEach((entry, i) => {
      try {
        if (typeof entry === 'string') {
          const ruleFile = this.host.resolveRelative(file, entry);
          const text = this.host.readFile(ruleFile);
          if (text === undefined) throw new CrossfootError('rule-not-found', `cannot read rule file "${entry}"`, file, source.rangeOf(['rules', i]));
          const ruleSource = parseSource(ruleFile, text);
          validateSource(ruleSource, packSchema, 'a rule', '#/definitions/rule');
          own.push(this.rule(id, ruleSource.data as Raw, ruleSource, [], errors));
        } else {
          own.push(this.rule(id, entry as Raw, source, ['rules', i], errors));
        }
      } catch (error) {
        if (error instanceof CrossfootErrors) errors.push(...error.errors);
        else if (error instanceof CrossfootError) errors.push(error);
        else throw error;
      }
    });
    const seen = new Map<string, RuleDef>();
    for (const rule of own) {
      const twin = seen.get(rule.name);
      if (twin)
        errors.push(
          new CrossfootError('duplicate-rule', `rule "${rule.name}" is defined twice (also at ${twin.file}:${twin.range.start.line})`, rule.file, rule.range),
        );
      seen.set(rule.name, rule);
      inherited.delete(rule.name);
    }
    const rules = [...inherited.values(), ...own];
    const recognize = raw.recognize as Raw | undefined;
    const pack: Pack = {
      id,
      version: raw.version as string,
      title: raw.title as Localized | undefined,
      description: raw.description as Localized | undefined,
      locales: (raw.locales as string[] | undefined) ?? ['zh-CN', 'en'],
      abstract: raw.abstract === true,
      recognize: recognize && {
        title: recognize.title === undefined ? undefined : pattern(String(recognize.title), ['recognize', 'title']),
        text: recognize.text === undefined ? undefined : pattern(String(recognize.text), ['recognize', 'text']),
        notText: recognize['not-text'] === undefined ? undefined : pattern(String(recognize['not-text']), ['recognize', 'not-text']),
        tables: (recognize.tables as string[] | undefined) ?? [],
        year: recognize.year as { min?: number; max?: number } | undefined,
      },
      fiscalYearStart: ((raw['fiscal-year'] as Raw | undefined)?.start as string | undefined) ?? parents[0]?.fiscalYearStart ?? '01-01',
      tables,
      facts,
      rules,
      lineage: parents.flatMap((p) => [p.id, ...p.lineage]),
      file,
    };
    if (!pack.abstract) checkReferences(pack, source, errors);
    if (errors.length) throw new CrossfootErrors(errors);
    return pack;
  }

  private rule(packId: string, raw: Raw, source: ParsedSource, path: SourcePath, errors: CrossfootError[]): RuleDef {
    const file = source.file;
    const name = raw.id as string;
    const range = source.rangeOf([...path, 'id']);
    const checkRaw = raw.check as Record<string, unknown>;
    const [kind, options] = Object.entries(checkRaw)[0] as [string, unknown];
    const at = [...path, 'check', kind];
    const o = (options ?? {}) as Raw;
    const fail = (error: unknown, where: SourcePath): never => {
      if (error instanceof FormulaError) {
        const r = source.rangeOf(where);
        throw new CrossfootError('invalid-formula', `invalid formula: ${error.message}`, file, r);
      }
      throw error;
    };
    const relation = (text: string, where: SourcePath): Relation => {
      try {
        return parseRelation(text);
      } catch (error) {
        return fail(error, where);
      }
    };
    const expr = (text: string, where: SourcePath): Expr => {
      try {
        return parseExpression(text);
      } catch (error) {
        return fail(error, where);
      }
    };
    const pat = (value: unknown, where: SourcePath): Pattern => {
      try {
        return compilePattern(String(value));
      } catch (error) {
        throw new CrossfootError('invalid-pattern', `invalid pattern ${JSON.stringify(value)}: ${(error as Error).message}`, file, source.rangeOf(where));
      }
    };
    const tol = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));
    let check: CheckDef;
    switch (kind) {
      case 'sum':
        check = {
          kind,
          table: o.table as string,
          total: o.total as string | undefined,
          parts: o.parts as string[] | undefined,
          relation: (o.relation as '=' | '>=') ?? '=',
          subsets: o.subsets !== false,
          tolerance: tol(o.tolerance),
        };
        break;
      case 'table-totals':
        check = { kind, table: o.table as string | undefined, direction: (o.direction as 'rows' | 'columns' | 'both') ?? 'both', tolerance: tol(o.tolerance) };
        break;
      case 'compare':
      case 'previous-report':
        check = {
          kind,
          relation: relation(String(o.relation), [...at, 'relation']),
          forEach: (o['for-each'] as 'column' | 'none') ?? 'none',
          tolerance: tol(o.tolerance),
        };
        break;
      case 'text-vs-table': {
        const equals = o.equals as string[];
        check = {
          kind,
          statement: pat(o.statement, [...at, 'statement']),
          notStatement: o['not-statement'] === undefined ? undefined : pat(o['not-statement'], [...at, 'not-statement']),
          unit: o.unit as string | undefined,
          section: o.section === undefined ? undefined : pat(o.section, [...at, 'section']),
          equals: equals.map((e, i) => expr(e, [...at, 'equals', i])),
          equalsText: equals,
          tolerance: tol(o.tolerance),
        };
        break;
      }
      case 'statement-sums':
        check = { kind, when: (o.when as 'over' | 'under' | 'both') ?? 'both', percentages: o.percentages === true };
        break;
      case 'date-in-period':
        check = {
          kind,
          excludeSections: ((o['exclude-sections'] as string[] | undefined) ?? []).map((p, i) => pat(p, [...at, 'exclude-sections', i])),
          excludeContext: o['exclude-context'] === undefined ? undefined : pat(o['exclude-context'], [...at, 'exclude-context']),
          onlySections: ((o['only-sections'] as string[] | undefined) ?? []).map((p, i) => pat(p, [...at, 'only-sections', i])),
          context: o.context === undefined ? undefined : pat(o.context, [...at, 'context']),
          expect: (o.expect as 'inside' | 'after' | undefined) ?? 'inside',
          minPrecision: (o['min-precision'] as 'year' | 'month' | 'day') ?? 'month',
          allowAfter: (o['allow-after'] as number | undefined) ?? 0,
        };
        break;
      case 'enumeration':
        check = { kind, markers: (o.markers as ('shi' | 'di')[] | undefined) ?? ['shi', 'di'] };
        break;
      case 'period':
        check = { kind, requireStated: o['require-stated'] === true };
        break;
      case 'deadline':
        check = {
          kind,
          default: o.default as string,
          byIssuer: ((o['by-issuer'] as Raw[] | undefined) ?? []).map((b, i) => ({
            issuer: pat(b.issuer, [...at, 'by-issuer', i, 'issuer']),
            deadline: b.deadline as string,
          })),
        };
        break;
      case 'required':
        check = {
          kind,
          sections: ((o.sections as string[] | undefined) ?? []).map((p, i) => pat(p, [...at, 'sections', i])),
          inOrder: o['in-order'] === true,
          tables: (o.tables as string[] | undefined) ?? [],
          rows: (o.rows as { table: string; row: string }[] | undefined) ?? [],
          cells: o.cells as string | undefined,
        };
        break;
      case 'text-pattern': {
        const rep = o['repeated-phrase'] as Raw | undefined;
        if (o.pattern === undefined && !rep)
          throw new CrossfootError('invalid-value', 'text-pattern needs `pattern` or `repeated-phrase`', file, source.rangeOf(at, true));
        check = {
          kind,
          pattern: o.pattern === undefined ? undefined : pat(o['ignore-case'] === true ? `(?i)${String(o.pattern)}` : o.pattern, [...at, 'pattern']),
          must: (o.must as 'occur' | 'not-occur') ?? 'not-occur',
          repeated: rep && {
            min: (rep.min as number | undefined) ?? 2,
            max: (rep.max as number | undefined) ?? 8,
            allow: (rep.allow as string[] | undefined) ?? [],
          },
        };
        break;
      }
      case 'conditions':
        check = { kind, conditions: o, facts: conditionFacts(o), operators: conditionOperators(o) };
        break;
      default:
        throw new CrossfootError('invalid-value', `unknown check kind "${kind}"`, file, source.rangeOf(at, true));
    }
    void errors;
    return {
      id: `${packId}/${name}`,
      name,
      severity: (raw.severity as Severity | undefined) ?? 'error',
      description: raw.description as Localized | undefined,
      messages: (raw.messages as Record<string, Localized> | undefined) ?? {},
      check,
      doc: this.host.readFile(this.host.resolveRelative(file, (raw.docs as string | undefined) ?? `${name}.md`)),
      file,
      range,
      checkRange: source.rangeOf(at),
    };
  }
}

function conditionOperators(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(conditionOperators);
  const n = node as Raw;
  const own = typeof n.operator === 'string' ? [n.operator] : [];
  return [...own, ...['all', 'any', 'not'].flatMap((k) => conditionOperators(n[k]))];
}

function conditionFacts(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(conditionFacts);
  const n = node as Raw;
  const own = typeof n.fact === 'string' ? [n.fact] : [];
  const nested = Object.entries(n)
    .filter(([k]) => k === 'all' || k === 'any' || k === 'not' || k === 'value')
    .flatMap(([, v]) => conditionFacts(v));
  return [...own, ...nested];
}

/** Every table and fact a rule names must exist in the pack (after `extends`). */
function checkReferences(pack: Pack, source: ParsedSource, errors: CrossfootError[]): void {
  const known = (name: string) => name in pack.tables || name in pack.facts;
  const missing = (rule: RuleDef, name: string, what: string) =>
    errors.push(
      new CrossfootError(
        'undefined-fact',
        `rule "${rule.name}" refers to undefined ${what} "${name}" (defined: ${[...Object.keys(pack.tables), ...Object.keys(pack.facts)].join(', ') || 'none'})`,
        rule.file,
        rule.checkRange,
      ),
    );
  for (const fact of Object.values(pack.facts)) {
    if (fact.table && !(fact.table in pack.tables)) {
      errors.push(
        new CrossfootError(
          'undefined-table',
          `fact "${fact.name}" refers to undefined table "${fact.table}"`,
          source.file,
          source.rangeOf(['facts', fact.name, 'table']),
        ),
      );
    }
  }
  for (const rule of pack.rules) {
    const c = rule.check;
    const exprs: Expr[] = [];
    if (c.kind === 'compare' || c.kind === 'previous-report') exprs.push(c.relation.left, c.relation.right);
    if (c.kind === 'text-vs-table') exprs.push(...c.equals);
    for (const ref of exprs.flatMap(refsOf)) if (!known(ref.name)) missing(rule, ref.name, 'fact or table');
    for (const t of [
      ...(c.kind === 'sum' ? [c.table] : []),
      ...(c.kind === 'table-totals' && c.table ? [c.table] : []),
      ...(c.kind === 'required' ? [...c.tables, ...c.rows.map((r) => r.table), ...(c.cells ? [c.cells] : [])] : []),
    ]) {
      if (!(t in pack.tables)) missing(rule, t, 'table');
    }
    if (c.kind === 'conditions') for (const f of c.facts) if (!(f in pack.facts)) missing(rule, f, 'fact');
  }
  for (const t of pack.recognize?.tables ?? []) {
    if (!(t in pack.tables))
      errors.push(new CrossfootError('undefined-table', `recognize refers to undefined table "${t}"`, source.file, source.rangeOf(['recognize', 'tables'])));
  }
}
