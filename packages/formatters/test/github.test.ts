import type { Diagnostic } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/github.ts';
import { github } from '../src/index.ts';
import { DATES, REPORT_URI, rules, sampleInput, sumFinding, zh } from './fixtures.ts';

describe('github', () => {
  it('writes one workflow command per finding, in order', () => {
    const lines = github(sampleInput(), zh).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::notice', '::error', '::warning', '::error']);
  });

  it('gives file, lines, columns on a single-line span, title and the arithmetic', () => {
    const lines = github(sampleInput(), zh).split('\n');
    expect(lines[1]).toBe(
      `::error file=${REPORT_URI},line=5,endLine=5,col=19,endColumn=22,title=cn-gov-disclosure-2008/statement-sums::` +
        '合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）%0A算式：53 + 48 + 207 + 14 = 322；应为：322；实为：320；差额：-2；精度：exact',
    );
    expect(lines[2]).toContain(`title=${DATES}::答复日期 2018年2月1日 早于申请日期 2018年3月5日`);
    expect(lines[2]).toContain('line=9,endLine=9,col=27,endColumn=36,');
  });

  it('omits columns on a multi-line span', () => {
    const notice = github(sampleInput(), zh).split('\n')[0] as string;
    expect(notice).toContain('line=1,endLine=2,title=');
    expect(notice).not.toMatch(/col=|endColumn=/);
  });

  it('escapes message data and property values', () => {
    const d: Diagnostic = {
      ...sumFinding,
      arithmetic: undefined,
      uri: 'reports/a,b:c%.md',
      ruleId: 'pack/rule:x,y',
      message: '100% 完成\r\n第二行: a,b',
    };
    const out = github({ diagnostics: [d], rules, files: [] }, zh);
    expect(out).toBe('::error file=reports/a%2Cb%3Ac%25.md,line=5,endLine=5,col=19,endColumn=22,title=pack/rule%3Ax%2Cy::100%25 完成%0D%0A第二行: a,b\n');
    expect(out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('escapes % first so existing escapes are not decoded', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('writes nothing without findings', () => {
    expect(github({ diagnostics: [], rules, files: sampleInput().files }, zh)).toBe('');
  });
});
