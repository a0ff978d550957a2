import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { readReport } from '../src/index.ts';
import { growthRatio } from './growth.ts';

// micromark-extension-gfm-autolink-literal asks, at the start of every word, whether an unclosed `[` comes
// before it in the paragraph, walking back over every event to find it. Once the answer is yes it was never
// remembered, so a long paragraph after an unclosed `[` took time quadratic in its length (a 1.4 MB line took
// over two minutes). The patch in `patches/` remembers the bracket found, while it stays unclosed. These
// tests hold the patched parser to the trees the original gave (recorded from 2.1.0 before patching) and to
// linear time.

type Node = { type: string; children?: Node[]; position?: unknown; [key: string]: unknown };
const withoutPositions = (n: Node): Node => {
  const { position: _, ...rest } = n;
  return rest.children ? { ...rest, children: rest.children.map(withoutPositions) } : rest;
};
const gfm = unified().use(remarkParse).use(remarkGfm);
const recorded = JSON.parse(readFileSync(new URL('./fixtures/gfm-autolink-brackets.json', import.meta.url), 'utf8')) as [string, Node][];

describe('GFM autolinks after brackets', () => {
  it.each(recorded)('%j reads as the original parser read it', (markdown, tree) => {
    expect(withoutPositions(gfm.parse(markdown) as unknown as Node)).toEqual(tree);
  });

  it('an unclosed bracket then a long paragraph: linear time', () => {
    const paragraph = (n: number) => `[二、上年结转 ${'共1条，其中1条、'.repeat(n)} a@b.cn www.example.org`;
    const ratio = growthRatio((text) => gfm.parse(text), paragraph(5_000), paragraph(20_000), 10);
    // 4× the length: about 4× the time when linear, 16× when quadratic.
    expect(ratio).toBeLessThan(10);
  }, 60_000);

  it('the autolinks after the paragraph are still read, and the report with it', () => {
    const text = `# T\n\n\\- [二、上年结转 ${'共1条，其中1条、'.repeat(20_000)}完。联系 a@b.cn\n`;
    const tree = gfm.parse(text) as unknown as Node;
    const paragraph = tree.children?.[1];
    expect(paragraph?.children?.map((c) => c.type)).toEqual(['text', 'link']);
    const doc = readReport({ uri: 'x.md', text });
    expect(doc.statements.length).toBe(20_000);
  });
});
