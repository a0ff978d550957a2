import { describe, expect, it } from 'vitest';
import { readReport } from '../../packages/adapters/src/index.ts';
import { CrossfootError, loadPack, parseConfig } from '../../packages/core/src/index.ts';
import { memoryHost } from '../../packages/core/test/helpers.ts';

// "Billion laughs": nine levels of nine aliases each would expand to 9^9 strings.
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 9; i++) {
  const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
  BOMB.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
const bomb = `${BOMB.join('\n')}\n`;

describe('a YAML alias bomb', () => {
  it('in a YAML report: one located error, read at once', () => {
    const started = performance.now();
    const doc = readReport({ uri: 'r.yaml', text: bomb });
    expect(doc.problems.map((p) => p.message.en).join()).toMatch(/alias/i);
    expect(doc.problems.every((p) => p.range.start.line >= 1)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('in front matter: one located error, the report still read', () => {
    const doc = readReport({ uri: 'r.md', text: `---\n${bomb}---\n# 报告\n\n共1条。\n` });
    expect(doc.problems.map((p) => p.message.en).join()).toMatch(/alias/i);
    expect(doc.text).toContain('共1条');
    expect(doc.problems.map((p) => p.code)).not.toContain('internal');
  });

  it('in a pack and in a config: a located CrossfootError', () => {
    for (const load of [
      () => loadPack('p', memoryHost({ '/rules/p/pack.yaml': `id: p\nversion: 1.0.0\n${bomb}` })),
      () => parseConfig('crossfoot.config.yaml', bomb),
    ]) {
      try {
        load();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(CrossfootError);
        expect((error as CrossfootError).file ?? (error as { errors?: CrossfootError[] }).errors?.[0]?.file).toBeTruthy();
      }
    }
  });
});
