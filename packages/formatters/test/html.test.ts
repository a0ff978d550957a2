import { createHash } from 'node:crypto';
import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { htmlInternals } from '../src/html.ts';
import { html } from '../src/index.ts';
import { sha256Base64 } from '../src/sha256.ts';
import { en, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

const EVIL = '<script>window.__owned = 1</script><img src=x onerror="window.__owned=2">';

describe('html', () => {
  it('is one self-contained page: no external resource, inline style and script pinned by CSP hashes', () => {
    const out = html(sampleInput(), zh);
    expect(out.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(out).not.toMatch(/<(link|script|img)[^>]+(src|href)="(?!data:|#|https:\/\/github\.com\/crossfoot)/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(out)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
    expect(csp).toContain(`style-src '${hash(htmlInternals.STYLE)}'`);
    expect(csp).toContain(`script-src '${hash(htmlInternals.SCRIPT)}'`);
    expect(out.match(/<script>/g)).toHaveLength(1);
    expect(out.match(/<style>/g)).toHaveLength(1);
  });

  it('computes SHA-256 like Node does', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(64), '合计 320 𠮷'.repeat(50)]) {
      expect(sha256Base64(text)).toBe(createHash('sha256').update(text).digest('base64'));
    }
  });

  it('escapes everything that comes from a report', () => {
    const text = `# ${EVIL}\n\n合计 320 ${EVIL}\n`;
    const d: Diagnostic = {
      ...sumFinding,
      uri: `reports/${EVIL}.md`,
      message: `合计 320 ${EVIL}`,
      range: { start: { line: 3, column: 4 }, end: { line: 3, column: 7 } },
      related: [{ uri: `reports/${EVIL}.md`, range: sumFinding.range, label: EVIL }],
      arithmetic: { ...(sumFinding.arithmetic as NonNullable<Diagnostic['arithmetic']>), expression: EVIL, operands: [{ label: EVIL, value: '"53"' }] },
      url: 'javascript:alert(1)',
    };
    const out = html({ diagnostics: [d], rules: [], files: [{ uri: d.uri, text, issuer: EVIL, year: 2018 }] }, en);
    const body = out.slice(out.indexOf('<body>'), out.lastIndexOf('<script>'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain('<img');
    // Attribute values are quoted and their quotes escaped: with them blanked, no report text is left in a tag.
    expect(body.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^>]*\sonerror=/i);
    expect(body).not.toContain('javascript:');
    expect(body).toContain('&lt;script&gt;window.__owned = 1&lt;/script&gt;');
    expect(body).toContain('onerror=&quot;window.__owned=2&quot;');
  });

  it('highlights the flagged span in its line, with a line of context around it', () => {
    const out = html(sampleInput(), zh);
    expect(out).toContain('<mark>320</mark>');
    expect(out).toMatch(/<span class="ln">4<\/span>.*<span class="line flagged"><span class="ln">5<\/span>/s);
  });

  it('lays out the arithmetic: parts, expected sum, stated figure, difference', () => {
    const out = html({ diagnostics: [sumFinding], rules, files: sampleInput().files }, en);
    const table = /<table class="arithmetic">.*?<\/tbody><\/table><\/td><\/tr>.*?<\/table>/s.exec(out)?.[0] ?? '';
    for (const part of ['机构职能类', '53', '政策法规类', '48', '工作动态类', '207', '人事信息类', '14']) expect(table).toContain(part);
    expect(table).toMatch(/expected<\/th><td class="num">322/);
    expect(table).toMatch(/actual<\/th><td class="num">320/);
    expect(table).toMatch(/difference<\/th><td class="num">-2/);
  });

  it('speaks the locale', () => {
    expect(html(sampleInput(), zh)).toContain('<h1>crossfoot 检查报告</h1>');
    expect(html(sampleInput(), en)).toContain('<h1>crossfoot audit report</h1>');
    expect(html(sampleInput(), en)).toContain('data-template="Showing {shown} of {total} reports"');
  });

  it('lists every report in the table and charts findings per rule and per pack', () => {
    const out = html(sampleInput(), en);
    const rows = out.slice(out.indexOf('<tbody>', out.indexOf('id="report-table"')), out.indexOf('</tbody>', out.indexOf('id="report-table"')));
    expect(rows.match(/<tr /g)).toHaveLength(2);
    expect(rows).toContain(`<a href="#report-1">${REPORT_URI}</a>`);
    expect(out).toContain('Findings per rule');
    expect(out).toContain(`<code>${SUMS}</code>`);
    expect(out).toContain('<code>cn-gov-disclosure-2008</code>');
    expect(out).toMatch(/<svg class="bar error"[^>]*><rect width="100\.0"/);
  });

  it('says so when there is nothing to show', () => {
    const out = html({ diagnostics: [], rules: [], files: [{ uri: 'a.md' }] }, en);
    expect(out).toContain('No problems found.');
    expect(out).not.toContain('Findings by report');
  });
});
