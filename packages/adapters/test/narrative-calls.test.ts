import { readFileSync } from 'node:fs';
import type { LineIndex, Range, ReportMeta, Statement } from '@crossfoot/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseMarkdown, parseText, readReport } from '../src/index.ts';
import { extractNarrative, inferMeta } from '../src/narrative/index.ts';

vi.mock('../src/narrative/index.ts', () => ({
  extractNarrative: vi.fn(() => ({ statements: [], dates: [] })),
  inferMeta: vi.fn(() => ({})),
}));

const extract = vi.mocked(extractNarrative);
const infer = vi.mocked(inferMeta);
const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, column: sc },
  end: { line: el, column: ec },
});

/** Each call as `line:column-line:column text [sections]`, read back from the offsets the adapter passed. */
function calls(): string[] {
  return extract.mock.calls.map(([index, from, to, section]: [LineIndex, number, number, string[]]) => {
    const a = index.position(from);
    const b = index.position(to);
    return `${a.line}:${a.column}-${b.line}:${b.column} ${index.text.slice(from, to).slice(0, 12)} [${section.join(' > ')}]`;
  });
}

beforeEach(() => {
  extract.mockClear();
  infer.mockClear();
  extract.mockImplementation(() => ({ statements: [], dates: [] }));
  infer.mockImplementation(() => ({}));
});

describe('what the adapters hand to the narrative reader', () => {
  it('plain text: every line outside tables, with the sections around it', () => {
    parseText('a.txt', '年度报告\n一、总体情况\n全年公开信息320条。\n\n统计指标 | 统计数\n主动公开 | 320\n二、其他\n  某局\n');
    expect(calls()).toEqual([
      '1:1-1:5 年度报告 []',
      '2:1-2:7 一、总体情况 [总体情况]',
      '3:1-3:12 全年公开信息320条。 [总体情况]',
      '7:1-7:5 二、其他 [其他]',
      '8:3-8:5 某局 [其他]',
    ]);
  });

  it('plain text: the seed’s statement line, subsection lines and the lines after the appendix', () => {
    parseText('seed.txt', readFileSync(new URL('./fixtures/seed-2018.txt', import.meta.url), 'utf8'));
    const all = calls();
    expect(all).toContain('10:1-10:93 全年通过政府信息公开网主 [主动公开信息情况]');
    expect(all).toContain('6:1-6:164 1、加强领导,统筹安排部 [信息工作情况 > 加强领导,统筹安排部署各项工作]');
    expect(all).toContain('40:1-40:11 2019年1月15日 []');
    // Lines 1–43 and 113–115; the table's lines 44–112 are rows, not narrative.
    expect(all.filter((c) => Number(c.split(':')[0]) >= 44 && Number(c.split(':')[0]) <= 112)).toEqual([]);
    expect(all).toHaveLength(46);
  });

  it('Markdown: headings, paragraphs and list items, not tables or front matter', () => {
    parseMarkdown(
      'a.md',
      '---\ntitle: 报告\n---\n\n## 一、总体情况\n\n全年公开**320**条。\n\n- 规章2件\n- 规范性文件3件\n\n| 项目 | 件数 |\n| --- | --- |\n| 规章 | 2 |\n',
    );
    expect(calls()).toEqual([
      '5:1-5:10 ## 一、总体情况 [总体情况]',
      '7:1-7:14 全年公开**320**条 [总体情况]',
      '9:3-9:7 规章2件 [总体情况]',
      '10:3-10:10 规范性文件3件 [总体情况]',
    ]);
  });

  it('merges inferred meta under front matter and the title heading', () => {
    const inferred: ReportMeta = {
      title: { value: '推断的标题', range: range(9, 1, 9, 6) },
      year: { value: 2020, range: range(9, 1, 9, 6) },
      published: { value: '2021-01-15', range: range(12, 1, 12, 11) },
    };
    infer.mockImplementation(() => inferred);
    const withFront = parseMarkdown('a.md', '---\nyear: 2021\n---\n\n# 临川市2021年报告\n\n正文。\n');
    expect(withFront.meta).toEqual({
      title: { value: '临川市2021年报告', range: range(5, 3, 5, 13) },
      year: { value: 2021, range: range(2, 7, 2, 11) },
      published: inferred.published,
    });
    const text = parseText('a.txt', '正文。\n');
    expect(text.meta).toEqual(inferred);
    expect(infer).toHaveBeenCalledTimes(2);
  });

  it('infers nothing when the front matter and the title state every part of the meta', () => {
    infer.mockImplementation(() => ({ issuer: { value: '推断的机关', range: range(9, 1, 9, 6) } }));
    const front = '---\nissuer: 临川市统计局\nperiod:\n  start: 2021-01-01\n  end: 2021-12-31\npublished: 2022-01-20\n---\n\n';
    const whole = parseMarkdown('a.md', `${front}# 临川市统计局2021年报告\n\n正文。\n`);
    expect(infer).not.toHaveBeenCalled();
    expect(Object.keys(whole.meta).sort()).toEqual(['issuer', 'period', 'published', 'title', 'year']);
    expect(whole.meta.issuer?.value).toBe('临川市统计局');
    // Without the title heading, the title is still the text's to tell.
    const untitled = parseMarkdown('b.md', `${front}正文。\n`);
    expect(infer).toHaveBeenCalledTimes(1);
    expect(untitled.meta.issuer?.value).toBe('临川市统计局');
  });

  it('keeps what the narrative reader finds', () => {
    const statement = { kind: 'quantity', text: '320条' } as unknown as Statement;
    extract.mockImplementation(() => ({ statements: [statement], dates: [] }));
    const doc = parseText('a.txt', '一、总体情况\n全年公开信息320条。\n');
    expect(doc.statements).toEqual([statement, statement]);
  });

  it('turns a failure of the narrative reader into one internal problem and reads on', () => {
    extract.mockImplementation(() => {
      throw new Error('boom');
    });
    infer.mockImplementation(() => {
      throw new Error('bang');
    });
    const doc = readReport({ uri: 'a.txt', text: '一、总体情况\n正文一。\n正文二。\n统计指标 | 统计数\n主动公开 | 320\n' });
    expect(doc.problems).toEqual([
      {
        code: 'internal',
        severity: 'error',
        message: { 'zh-CN': '读取报告时发生内部错误：boom', en: 'Internal error while reading the report: boom' },
        range: range(1, 1, 1, 7),
      },
    ]);
    expect(doc.sections).toHaveLength(1);
    expect(doc.tables[0]?.rows[0]?.cells[0]?.value).toBe('320');
  });
});
