import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import * as adapters from '../src/index.ts';
import { detectFormat, frontMatterSchema, readReport } from '../src/index.ts';

vi.mock('../src/narrative/index.ts', () => ({
  extractNarrative: () => ({ statements: [], dates: [] }),
  inferMeta: () => ({}),
}));

describe('the package', () => {
  it('exports exactly its API', () => {
    expect(Object.keys(adapters).sort()).toEqual([
      'ReadingMemo',
      'UNREADABLE_BINARY',
      'buildOutline',
      'decode',
      'detectFormat',
      'extractNarrative',
      'frontMatterSchema',
      'inferMeta',
      'layoutPdf',
      'pageOfLine',
      'parseHtml',
      'parseMarkdown',
      'parseText',
      'parseYamlReport',
      'plainDocument',
      'readBinaryReport',
      'readDocx',
      'readPdf',
      'readReport',
      'reportSchema',
      'toMarkdown',
    ]);
  });

  it('publishes the front matter schema it validates with', () => {
    const published = JSON.parse(readFileSync(new URL('../schemas/front-matter.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(frontMatterSchema);
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(published)).toBe(true);
    const validate = ajv.compile(published);
    expect(
      validate({
        title: '临川市生态环境局2021年政府信息公开工作年度报告',
        period: { start: '2021-01-01', end: '2021-12-31' },
        published: '2022-01-20',
        packs: ['cn-gov-disclosure'],
        year: 2021,
        note: 'extra keys are allowed',
      }),
    ).toBe(true);
    expect(validate({ period: '2021' })).toBe(false);
    expect(validate({ packs: 'cn-gov-disclosure' })).toBe(false);
  });
});

describe('detectFormat', () => {
  it.each([
    ['reports/2021.md', 'markdown'],
    ['2021.MARKDOWN', 'markdown'],
    ['report.yaml', 'yaml'],
    ['report.yml', 'yaml'],
    ['seed.txt', 'text'],
    ['report.html', 'html'],
    ['C:\\reports\\report.htm', 'html'],
  ])('%s is %s', (uri, format) => {
    expect(detectFormat(uri, '')).toBe(format);
  });

  it('looks at the text only when the extension says nothing', () => {
    expect(detectFormat('report', '<!DOCTYPE html><html></html>')).toBe('html');
    expect(detectFormat('report', '\uFEFF---\ntitle: 报告\n---\n')).toBe('markdown');
    expect(detectFormat('report', '一、总体情况')).toBeUndefined();
    expect(detectFormat('report.txt', '---\ntitle: 报告\n---\n')).toBe('text');
    expect(detectFormat('.md', '')).toBeUndefined();
  });
});

describe('readReport', () => {
  it('reads by the detected format, the given format, or as plain text', () => {
    expect(readReport({ uri: 'a.md', text: '# 标题\n' }).format).toBe('markdown');
    expect(readReport({ uri: 'a.txt', text: '# 标题\n', format: 'markdown' }).format).toBe('markdown');
    expect(readReport({ uri: 'a', text: '一、总体情况\n' }).format).toBe('text');
  });

  it('reads YAML and HTML reports with their adapters', () => {
    const yaml = readReport({
      uri: 'a.yaml',
      text: 'meta:\n  title: 某局2024年政府信息公开工作年度报告\ntables:\n  - caption: 统计表\n    columns: [统计数]\n    rows:\n      - [收到申请数, 12]\n',
    });
    expect(yaml.format).toBe('yaml');
    expect(yaml.problems).toEqual([]);
    expect(yaml.tables[0]?.rows[0]?.cells[0]?.value).toBe('12');
    const html = readReport({
      uri: 'a.html',
      text: '<html><body><h1>某局2024年报告</h1><table><tr><th>项目</th><th>统计数</th></tr><tr><td>收到申请数</td><td>12</td></tr></table></body></html>',
    });
    expect(html.format).toBe('html');
    expect(html.tables[0]?.rows[0]?.label).toBe('收到申请数');
    expect(html.tables[0]?.rows[0]?.cells[0]?.value).toBe('12');
  });

  it('says a PDF is not read by this package', () => {
    const doc = readReport({ uri: 'a.pdf', text: '%PDF-1.7', format: 'pdf' });
    expect(doc.problems.map((p) => p.code)).toEqual(['unsupported-format']);
  });

  it('never throws on random bytes decoded as text', () => {
    let seed = 20240101;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const decoder = new TextDecoder('utf-8', { fatal: false });
    // Bytes biased towards the characters the adapters react to.
    const alphabet = [...new TextEncoder().encode('|-—:：、（）()一二1.其中合计<!---->#*`\n\r \t')];
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 600));
      for (let j = 0; j < bytes.length; j++) {
        bytes[j] = random() < 0.5 ? (alphabet[Math.floor(random() * alphabet.length)] as number) : Math.floor(random() * 256);
      }
      const text = (random() < 0.3 ? '---\n' : '') + decoder.decode(bytes);
      for (const format of ['markdown', 'text'] as const) {
        const doc = readReport({ uri: `fuzz-${i}`, text, format });
        expect(doc.problems.filter((p) => p.code === 'internal')).toEqual([]);
        expect(doc.text).toBe(text);
      }
    }
  });

  it('never throws on odd inputs', () => {
    const odd = [
      '',
      '\r',
      '\uFEFF',
      '---',
      '---\n---\n',
      '|',
      '| |\n|\n|',
      `${'>'.repeat(500)} 一、总体情况`,
      `${'['.repeat(5000)}`,
      `${'  '.repeat(2000)}- 1`,
      '\uD800\uDC00\uDFFF一、\uD800',
      '一、\n（一）\n1、\n|a|b|\n|1|2|\n',
      '<!-- crossfoot-disable',
      '<!-- crossfoot-enable -->\n<!-- crossfoot-disable-next-line -->',
    ];
    for (const text of odd) {
      for (const format of ['markdown', 'text'] as const) {
        expect(() => readReport({ uri: 'odd', text, format })).not.toThrow();
        expect(readReport({ uri: 'odd', text, format }).problems.filter((p) => p.code === 'internal')).toEqual([]);
      }
    }
    expect(readReport(undefined as never).problems).toEqual([]);
  });

  it('reads a long plain-text report in linear time', () => {
    const lines: string[] = [];
    // Up to three digits: `2018、` is a year, not a marker.
    for (let i = 1; i <= 999; i++) lines.push(`${i}、第${i}项工作。全年办理${i}件，其中按时办结${i}件。`);
    lines.push('统计指标 | 单位 | 统计数 |');
    for (let i = 1; i <= 20000; i++) lines.push(`${(i % 9) + 1}.事项${i} | 件 | ${i} |`);
    const text = lines.join('\n');
    const start = performance.now();
    const doc = readReport({ uri: 'long.txt', text });
    const elapsed = performance.now() - start;
    expect(doc.tables[0]?.rows).toHaveLength(20000);
    expect(doc.sections).toHaveLength(999);
    expect(elapsed).toBeLessThan(5000);
  });

  it('reads a long Markdown report without tables in linear time', () => {
    const parts: string[] = ['# 报告'];
    for (let i = 1; i <= 300; i++) {
      parts.push(`## 第${i}节`, `全年办理${i}件。<!-- 注 -->`, `- 事项${i}`, `（${'一二三四五六七八九'[i % 9]}）分项${i}。`);
    }
    const text = parts.join('\n\n');
    const start = performance.now();
    const doc = readReport({ uri: 'long.md', text });
    expect(doc.sections).toHaveLength(300);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
