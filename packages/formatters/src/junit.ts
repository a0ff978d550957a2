import type { Diagnostic, Locale } from '@crossfoot/core';
import { reportStream } from './json.ts';
import { arithmeticLine, t } from './messages.ts';
import { compareStrings } from './summary.ts';
import type { FormatInput, FormatOptions, ReportStream } from './types.ts';
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
  return [...junitReportChunks(reportStream(input), options)].join('');
}

/**
 * `junit`'s XML for a report given a file at a time, a file's suite at a time. The root's count of test cases (a case
 * per rule that fired on a file, one per clean file) comes before any suite, so the files are read for it first.
 */
export function* junitReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const { locale } = options;
  const { summary } = report;
  let tests = 0;
  for (const { diagnostics } of report.files()) tests += diagnostics.length === 0 ? 1 : new Set(diagnostics.map((d) => d.ruleId)).size;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${xmlAttrs([
    ['name', 'crossfoot'],
    ['tests', tests],
    ['failures', summary.errors + summary.warnings],
    ['errors', 0],
  ])}>\n`;
  for (const { file, diagnostics } of report.files()) {
    const uri = file.uri;
    const cases = testCases(locale, diagnostics);
    const out = [
      `  <testsuite${xmlAttrs([
        ['name', uri],
        ['tests', cases.length],
        ['failures', cases.reduce((n, c) => n + c.failures.length, 0)],
        ['errors', 0],
        ['skipped', 0],
      ])}>`,
    ];
    for (const c of cases) {
      const attrs = xmlAttrs([
        ['name', c.name],
        ['classname', uri],
        ['file', uri],
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
    yield `${out.join('\n')}\n`;
  }
  yield '</testsuites>\n';
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
