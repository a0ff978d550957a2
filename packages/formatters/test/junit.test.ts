import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { junit } from '../src/index.ts';
import { CLEAN_URI, en, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const attr = (tag: string, name: string) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
const openTags = (xml: string, name: string) => xml.match(new RegExp(`<${name}[ >][^>]*>`, 'g')) ?? [];

/** Every element opened is closed in order (enough for this formatter's output). */
function expectBalanced(xml: string): void {
  const stack: string[] = [];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w-]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    if (selfClose) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
}

describe('junit', () => {
  it('is a balanced document with an XML declaration', () => {
    const xml = junit(sampleInput(), zh);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expectBalanced(xml);
  });

  it('has one suite per file, one case per rule that fired, one passing case per clean file', () => {
    const xml = junit(sampleInput(), zh);
    const suites = openTags(xml, 'testsuite');
    expect(suites.map((s) => attr(s, 'name'))).toEqual([REPORT_URI, CLEAN_URI]);
    expect(suites.map((s) => [attr(s, 'tests'), attr(s, 'failures')])).toEqual([
      ['4', '3'],
      ['1', '0'],
    ]);
    const root = openTags(xml, 'testsuites')[0] as string;
    expect([attr(root, 'tests'), attr(root, 'failures'), attr(root, 'errors')]).toEqual(['5', '3', '0']);
    expect(count(xml, /<testcase /g)).toBe(5);
    expect(count(xml, /<failure /g)).toBe(3);
    expect(xml).toContain(`<testcase name="未发现问题" classname="${CLEAN_URI}" file="${CLEAN_URI}"/>`);
    expect(junit(sampleInput(), en)).toContain(`<testcase name="no problems" classname="${CLEAN_URI}"`);
  });

  it('lists line:col and message in each failure, infos as output', () => {
    const xml = junit(sampleInput(), zh);
    expect(xml).toContain(
      '<failure message="合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）" type="error">5:19 合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）\n算式：53 + 48 + 207 + 14 = 322',
    );
    expect(xml).toContain('<system-out>1:1 无法识别的数字“一二〇”，已跳过</system-out>');
  });

  it('counts each finding of one rule on one file as its own failure', () => {
    const second: Diagnostic = { ...sumFinding, range: { start: { line: 7, column: 1 }, end: { line: 7, column: 3 } } };
    const xml = junit({ diagnostics: [sumFinding, second], rules, files: [] }, zh);
    expect(count(xml, new RegExp(`<testcase name="${SUMS}"`, 'g'))).toBe(1);
    expect(count(xml, /<failure /g)).toBe(2);
    expect(attr(openTags(xml, 'testsuite')[0] as string, 'failures')).toBe('2');
  });

  it('escapes markup and strips characters XML 1.0 forbids', () => {
    const d: Diagnostic = {
      ...sumFinding,
      arithmetic: undefined,
      uri: 'reports/"R&D" <年报>.md',
      message: '合计 <320> & "322"\u0001 \'x\' \ud800',
    };
    const xml = junit({ diagnostics: [d], rules, files: [] }, zh);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are gone
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toMatch(/[\ud800-\udfff]/);
    expect(xml).toContain('name="reports/&quot;R&amp;D&quot; &lt;年报&gt;.md"');
    expect(xml).toContain('message="合计 &lt;320&gt; &amp; &quot;322&quot; &apos;x&apos; "');
    expect(xml).toContain('>5:19 合计 &lt;320&gt; &amp; "322" \'x\' </failure>');
    expect(count(xml, /&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/g)).toBe(0);
    expectBalanced(xml);
  });

  it('keeps line breaks in attributes as character references', () => {
    const d: Diagnostic = { ...sumFinding, arithmetic: undefined, message: '第一行\n第二行' };
    expect(junit({ diagnostics: [d], rules, files: [] }, zh)).toContain('message="第一行&#10;第二行"');
  });

  it('is an empty but valid report with no files', () => {
    const xml = junit({ diagnostics: [], rules, files: [] }, zh);
    expect(xml).toContain('<testsuites name="crossfoot" tests="0" failures="0" errors="0">');
    expectBalanced(xml);
  });
});
