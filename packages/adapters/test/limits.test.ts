import { LineIndex } from '@crossfoot/core';
import { describe, expect, it } from 'vitest';
import { readBinaryReport, readReport } from '../src/index.ts';
import { readLimits } from '../src/limits.ts';

const table = (rows: number) => `| 项目 | 数量 |\n|---|---|\n${Array.from({ length: rows }, (_, i) => `| 第${i + 1}项 | ${i} |`).join('\n')}\n`;
const codes = (d: { problems: { code: string }[] }) => d.problems.map((p) => p.code);

describe('reading keeps to the limits it is given', () => {
  it('table rows, in Markdown and plain text', () => {
    const md = readReport({ uri: 'r.md', text: table(12), limits: { tableRows: 10 } });
    expect(md.tables[0]?.rows).toHaveLength(10);
    expect(md.problems.find((p) => p.code === 'too-many-rows')?.range.start.line).toBe(13);
    const txt = readReport({ uri: 'r.txt', text: `一、统计\n${table(12)}`, limits: { tableRows: 10 } });
    expect(codes(txt)).toContain('too-many-rows');
    expect(codes(readReport({ uri: 'r.md', text: table(12) }))).not.toContain('too-many-rows');
  });

  it('YAML aliases and nesting in a YAML report and in front matter', () => {
    const aliases = 'a: &a [x, x]\nb: [*a, *a, *a, *a]\n';
    const messages = (d: { problems: { message: { en: string } }[] }) => d.problems.map((p) => p.message.en).join('\n');
    expect(messages(readReport({ uri: 'r.yaml', text: aliases, limits: { yamlAliases: 2 } }))).toContain('Too many YAML aliases');
    expect(messages(readReport({ uri: 'r.yaml', text: aliases }))).not.toContain('Too many YAML aliases');
    expect(messages(readReport({ uri: 'r.md', text: `---\n${aliases}---\n# 标题\n`, limits: { yamlAliases: 2 } }))).toMatch(/alias/i);
    const deep = `title: ${'['.repeat(10)}x${']'.repeat(10)}\n`;
    expect(messages(readReport({ uri: 'r.yaml', text: deep, limits: { nestingDepth: 5 } }))).toMatch(/more than 5 levels/);
    expect(messages(readReport({ uri: 'r.yaml', text: deep }))).not.toMatch(/levels/);
    expect(messages(readReport({ uri: 'r.md', text: `---\n${deep}---\n# 标题\n`, limits: { nestingDepth: 5 } }))).toMatch(/more than 5 levels/);
  });

  it('time: a Markdown report read past its deadline stops at a piece boundary with a located error', () => {
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `第${i}段，共${i}条。`).join('\n\n');
    const doc = readReport({ uri: 'r.md', text: `# 报告\n\n${paragraphs}\n`, limits: { deadline: Date.now() - 1, seconds: 1 } });
    const stop = doc.problems.find((p) => p.code === 'time-limit');
    expect(stop?.severity).toBe('error');
    expect(stop?.message.en).toBe('Reading this report took more than 1 s (limits.seconds-per-file); the rest from here on is not read');
    expect(stop?.range.start.line).toBeGreaterThan(1);
  });

  it('time: a block too long to read in the time left is not begun, with a located error', () => {
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `第${i}段，共${i}条。`).join('\n\n');
    const list = Array.from({ length: 20_000 }, (_, i) => `- 第${i}项，共${i}条`).join('\n');
    const text = `# 报告\n\n${paragraphs}\n\n${list}\n`;
    const listLine = text.slice(0, text.indexOf('- 第0项')).split('\n').length;
    const doc = readReport({ uri: 'r.md', text, limits: { deadline: Date.now() + 2_000, seconds: 2 } });
    const stop = doc.problems.find((p) => p.code === 'time-limit-block');
    expect(stop?.severity).toBe('error');
    // The piece that holds the list starts at a paragraph at most a piece (8 KB) before it: a list is never split.
    expect(stop?.range.start.line).toBeGreaterThan(1);
    expect(stop?.range.start.line).toBeLessThan(listLine);
    const characters = text.length - new LineIndex(text).offset(stop!.range.start);
    expect(stop?.message.en).toBe(
      `The ${characters} characters from here on make one block that cannot be read in what is left of 2 s (limits.seconds-per-file); it and the rest are not read`,
    );
    // What comes before that piece is read.
    expect(doc.statements.length).toBeGreaterThan(300);
    expect(doc.statements.length).toBe(doc.statements.filter((s) => s.range.start.line < stop!.range.start.line).length);
    // Without a time limit, all of it is read.
    expect(readReport({ uri: 'r.md', text }).statements).toHaveLength(21_000);
  });

  it('the limits hold only while a report is read', async () => {
    readReport({ uri: 'r.md', text: table(3), limits: { tableRows: 1 } });
    expect(readLimits().tableRows).toBe(50_000);
    const doc = await readBinaryReport({ uri: 'r.md', bytes: new TextEncoder().encode(table(12)), limits: { tableRows: 10 } });
    expect(codes(doc)).toContain('too-many-rows');
    expect(readLimits().tableRows).toBe(50_000);
  });
});
