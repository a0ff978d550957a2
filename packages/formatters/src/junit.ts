import { type Diagnostic, type Locale, sortDiagnostics } from '@crossfoot/core';
import { arithmeticLine, t } from './messages.ts';
import { compareStrings, fileUris, groupByUri } from './summary.ts';
import type { FormatInput, FormatOptions } from './types.ts';
import { xmlAttrs, xmlText } from './xml.ts';

interface TestCase {
  name: string;
  failures: Diagnostic[];
  infos: Diagnostic[];
}

/**
 * JUnit XML: one `<testsuite>` per checked file, one `<testcase>` per rule that fired on it
 * (a `<failure>` per error or warning, infos in `<system-out>`), one passing case per clean file.
 */
export function junit(input: FormatInput, options: FormatOptions): string {
  const { locale } = options;
  const groups = groupByUri(sortDiagnostics(input.diagnostics));
  const suites = fileUris(input).map((uri) => ({ uri, cases: testCases(locale, groups.get(uri) ?? []) }));
  const count = (cases: TestCase[]) => cases.reduce((n, c) => n + c.failures.length, 0);
  const allCases = suites.flatMap((s) => s.cases);

  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${xmlAttrs([
      ['name', 'crossfoot'],
      ['tests', allCases.length],
      ['failures', count(allCases)],
      ['errors', 0],
    ])}>`,
  );
  for (const suite of suites) {
    out.push(
      `  <testsuite${xmlAttrs([
        ['name', suite.uri],
        ['tests', suite.cases.length],
        ['failures', count(suite.cases)],
        ['errors', 0],
        ['skipped', 0],
      ])}>`,
    );
    for (const c of suite.cases) {
      const attrs = xmlAttrs([
        ['name', c.name],
        ['classname', suite.uri],
        ['file', suite.uri],
      ]);
      if (c.failures.length === 0 && c.infos.length === 0) {
        out.push(`    <testcase${attrs}/>`);
        continue;
      }
      out.push(`    <testcase${attrs}>`);
      for (const d of c.failures) {
        out.push(
          `      <failure${xmlAttrs([
            ['message', d.message],
            ['type', d.severity],
          ])}>${xmlText(details(locale, d))}</failure>`,
        );
      }
      if (c.infos.length > 0) out.push(`      <system-out>${xmlText(c.infos.map((d) => details(locale, d)).join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function testCases(locale: Locale, diagnostics: Diagnostic[]): TestCase[] {
  if (diagnostics.length === 0) return [{ name: t(locale, 'junit.clean'), failures: [], infos: [] }];
  const byRule = new Map<string, TestCase>();
  for (const d of diagnostics) {
    let c = byRule.get(d.ruleId);
    if (!c) {
      c = { name: d.ruleId, failures: [], infos: [] };
      byRule.set(d.ruleId, c);
    }
    (d.severity === 'info' ? c.infos : c.failures).push(d);
  }
  return [...byRule.values()].sort((a, b) => compareStrings(a.name, b.name));
}

function details(locale: Locale, d: Diagnostic): string {
  const position = `${d.range.start.line}:${d.range.start.column}`;
  return d.arithmetic ? `${position} ${d.message}\n${arithmeticLine(locale, d.arithmetic)}` : `${position} ${d.message}`;
}
