import { readReport } from '@crossfoot/adapters';
import { CHECK_MESSAGES, Checker, type Diagnostic, type Locale, type Pack, type ReportDocument, type RuleDef } from '@crossfoot/core';
import { describe as vitestDescribe, it as vitestIt } from 'vitest';
import { type PlannedCase, planCases, type RuleCases, type ValidCase } from './cases.ts';
import { compareErrors, showActual } from './compare.ts';
import { stripMarkers } from './markers.ts';

export interface RuleTesterOptions {
  pack: Pack;
  /** Locale of the rendered messages shown in failures (default `zh-CN`). */
  locale?: Locale;
  /** Test registration; vitest's `describe` and `it` by default. */
  describe?: (name: string, fn: () => void) => void;
  it?: (name: string, fn: () => Promise<void> | void) => void;
}

const FORMAT_FILES: Record<NonNullable<ValidCase['format']>, string> = {
  markdown: 'report.md',
  text: 'report.txt',
  yaml: 'report.yaml',
  html: 'report.html',
};

/**
 * Tests one rule of a pack against tables of valid and invalid reports, in the manner of ESLint's RuleTester:
 * only that rule runs; a valid case must give no diagnostic; an invalid case must give exactly the expected
 * ones (ruleId, messageId, line, column, and what else it names). The tester polices the table itself:
 * an invalid case without an expected error, a duplicate case or a fixture the adapter cannot read cleanly fails.
 */
export class RuleTester {
  private readonly pack: Pack;
  private readonly locale: Locale;
  private readonly describe: (name: string, fn: () => void) => void;
  private readonly it: (name: string, fn: () => Promise<void> | void) => void;
  private readonly checkers = new Map<RuleDef, Checker>();

  constructor(options: RuleTesterOptions) {
    if (!options?.pack || !Array.isArray(options.pack.rules)) throw new TypeError('RuleTester needs a loaded pack (see loadPack or loadPackFromDisk)');
    this.pack = options.pack;
    this.locale = options.locale ?? 'zh-CN';
    this.describe = options.describe ?? vitestDescribe;
    this.it = options.it ?? vitestIt;
  }

  /** Registers one test per case under `describe(<rule id>)`. Throws at once for an unknown rule or a malformed table. */
  run(ruleId: string, cases: RuleCases): void {
    const rule = this.rule(ruleId);
    const planned = planCases(cases, messageIdsOf(rule));
    this.describe(rule.id, () => {
      for (const p of planned) {
        this.it(p.title, async () => {
          const problems = await this.checkCase(rule, p);
          if (problems.length > 0) throw new Error(problems.join('\n\n'));
        });
      }
    });
  }

  /**
   * The same checks as `run`, as one async call: every problem of every case, each prefixed with the case
   * (`invalid 2 "…": …`); empty when all cases pass. Rejects for an unknown rule or a malformed table.
   */
  async verify(ruleId: string, cases: RuleCases): Promise<string[]> {
    const rule = this.rule(ruleId);
    const planned = planCases(cases, messageIdsOf(rule));
    const problems: string[] = [];
    for (const p of planned) problems.push(...(await this.checkCase(rule, p)));
    return problems;
  }

  /** Finds a rule by full id, `<this pack>/<name>` (for inherited rules) or short name. */
  private rule(ruleId: string): RuleDef {
    const rules = this.pack.rules;
    const found =
      rules.find((r) => r.id === ruleId) ??
      rules.find((r) => `${this.pack.id}/${r.name}` === ruleId) ??
      (ruleId.includes('/') ? undefined : rules.find((r) => r.name === ruleId));
    if (!found) throw new Error(`rule "${ruleId}" is not in pack "${this.pack.id}" (its rules: ${rules.map((r) => r.id).join(', ') || 'none'})`);
    return found;
  }

  /** One checker per rule, with every other rule of the pack off. */
  private checker(rule: RuleDef): Checker {
    let checker = this.checkers.get(rule);
    if (!checker) {
      const off = Object.fromEntries(this.pack.rules.filter((r) => r !== rule).map((r) => [r.id, 'off' as const]));
      checker = new Checker([this.pack], { locale: this.locale, rules: off });
      this.checkers.set(rule, checker);
    }
    return checker;
  }

  private async checkCase(rule: RuleDef, p: PlannedCase): Promise<string[]> {
    const at = (message: string) => `${p.label}: ${message}`;
    if (p.refusals.length > 0) return p.refusals.map(at);
    const c = p.case;
    const doc = this.read(c.code, c);
    const previous = c.previous === undefined ? undefined : this.read(c.previous, c, 'previous');
    const unclean = [...uncleanInput(doc, 'the fixture', this.locale), ...(previous ? uncleanInput(previous, 'the previous report', this.locale) : [])];
    if (unclean.length > 0) return unclean.map(at);
    let found: Diagnostic[];
    try {
      found = await this.checker(rule).check({ doc, previous, packs: [this.pack] });
    } catch (error) {
      return [at(`checking the case threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)];
    }
    const ownIds = new Set(this.pack.rules.map((r) => r.id));
    // Engine notes (`crossfoot/no-pack` and the like) are not the rule's; adapter problems were refused above.
    const reported = found.filter((d) => ownIds.has(d.ruleId));
    if (p.kind === 'valid') {
      if (reported.length === 0) return [];
      return [at(`a valid case must not trigger ${rule.id}, but it reported ${reported.length}:\n${reported.map((d) => `  ${showActual(d)}`).join('\n')}`)];
    }
    return compareErrors(c.errors ?? [], reported).map(at);
  }

  private read(text: string, c: ValidCase, role?: 'previous'): ReportDocument {
    const name = c.filename ?? FORMAT_FILES[c.format ?? 'markdown'];
    const uri = role ? `${role}/${name}` : name;
    const clean = stripMarkers(text);
    return readReport(c.format ? { uri, text: clean, format: c.format } : { uri, text: clean });
  }
}

/** The messageIds a rule can report: its own messages and those of its check kind. */
function messageIdsOf(rule: RuleDef): string[] {
  return [...new Set([...Object.keys(rule.messages), ...Object.keys(CHECK_MESSAGES[rule.check.kind] ?? {})])];
}

/** A fixture must read cleanly: any adapter problem means the case tests the reader, not the rule. */
function uncleanInput(doc: ReportDocument, what: string, locale: Locale): string[] {
  if (doc.problems.length === 0) return [];
  const lines = doc.problems.map(
    (p) => `  crossfoot/${p.code} at ${p.range.start.line}:${p.range.start.column} (${p.severity}) ${JSON.stringify(p.message[locale])}`,
  );
  return [`${what} is not clean input; the adapter reported:\n${lines.join('\n')}`];
}
