import { describe, expect, it } from 'vitest';
import { readReport } from '../../packages/adapters/src/index.ts';
import { Checker, loadPack, parseConfig } from '../../packages/core/src/index.ts';
import { memoryHost } from '../../packages/core/test/helpers.ts';

// `__proto__`, `constructor` and `prototype` keys are data wherever YAML or JSON is read: they never reach
// Object.prototype.
const names = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const before = names();
function unpolluted(): void {
  expect(names()).toBe(before);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'pack', 'rules']) expect(probe[key]).toBeUndefined();
  expect(Object.prototype.toString).toBe(Object.prototype.toString);
}

const HOSTILE_YAML = `__proto__: { polluted: yes, isAdmin: true }
constructor: { prototype: { polluted: yes } }
prototype: { polluted: yes }
`;
const HOSTILE_JSON = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}';

describe('prototype keys are inert', () => {
  it('in a pack, YAML and JSON: refused as unknown keys, nothing polluted', () => {
    const base = 'id: p\nversion: 1.0.0\ntitle: { zh-CN: 包, en: Pack }\nlocales: [zh-CN]\nrules: []\n';
    expect(() => loadPack('p', memoryHost({ '/rules/p/pack.yaml': base + HOSTILE_YAML }))).toThrow(/unknown key/);
    expect(() => loadPack('p', memoryHost({ '/rules/p/pack.json': HOSTILE_JSON }))).toThrow();
    unpolluted();
  });

  it('as names of facts, tables and rule data in a pack: plain names, nothing polluted', async () => {
    const pack = `id: p
version: 1.0.0
title: { zh-CN: 包, en: Pack }
locales: [zh-CN]
tables:
  __proto__: { caption: "x" }
facts:
  constructor: { table: __proto__, row: "合计", column: "数量" }
  __proto__: { table: __proto__, row: "一", column: "数量" }
rules:
  - id: r
    check:
      relation: "constructor = __proto__"
`;
    try {
      const loaded = loadPack('p', memoryHost({ '/rules/p/pack.yaml': pack }));
      const doc = readReport({ uri: 'r.md', text: '| 项目 | 数量 |\n|---|---|\n| 一 | 1 |\n| 合计 | 2 |\n' });
      await new Checker([loaded], { locale: 'en' }).check({ doc, packs: [loaded] });
    } catch (error) {
      expect((error as Error).name).toMatch(/Crossfoot/);
    }
    unpolluted();
  });

  it('in a config', () => {
    expect(() => parseConfig('crossfoot.config.yaml', HOSTILE_YAML)).toThrow(/unknown key/);
    expect(() => parseConfig('crossfoot.config.json', HOSTILE_JSON)).toThrow();
    expect(() => parseConfig('crossfoot.config.yaml', 'rules:\n  __proto__/x: off\n')).toThrow(/must match pattern/);
    unpolluted();
  });

  it('in front matter and YAML reports', () => {
    const md = readReport({ uri: 'r.md', text: `---\n${HOSTILE_YAML}title: 报告\n---\n# 报告\n` });
    expect(md.meta.title?.value).toBe('报告');
    const yaml = readReport({
      uri: 'r.yaml',
      text: `${HOSTILE_YAML}title: 报告\ntables:\n  - columns: [__proto__, constructor]\n    rows:\n      - [__proto__, 1, 2]\n`,
    });
    expect(yaml.problems.map((p) => p.code)).not.toContain('internal');
    unpolluted();
  });
});
