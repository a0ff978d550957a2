import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { CrossfootError, CrossfootErrors } from '../src/errors.ts';
import { loadPack, packLoader } from '../src/pack.ts';
import { memoryHost } from './helpers.ts';

const BASE = `id: base
version: 1.0.0
abstract: true
tables:
  T3:
    caption: 收到和处理政府信息公开申请情况
rules:
  - id: balance
    severity: error
    check:
      compare:
        relation: "T3[一] + T3[二] = T3[（七）] + T3[四]"
        for-each: column
`;

function failure(files: Record<string, string>, ref = 'pack'): CrossfootError {
  try {
    loadPack(ref, memoryHost(files));
  } catch (error) {
    expect(error).toBeInstanceOf(CrossfootError);
    return error as CrossfootError;
  }
  throw new Error('expected the pack to be refused');
}

describe('pack loader', () => {
  it('loads a pack, its rule files and what it extends', () => {
    const pack = loadPack(
      'pack',
      memoryHost({
        '/rules/base/pack.yaml': BASE,
        '/rules/pack/pack.yaml': 'id: child\nversion: 2.1.0\nextends: [base]\nrules:\n  - twice.yaml\n',
        '/rules/pack/twice.yaml': 'id: repeated-phrase\nseverity: info\ncheck:\n  text-pattern:\n    repeated-phrase: { min: 2, max: 8 }\n',
        '/rules/pack/repeated-phrase.md': '# repeated-phrase\n\nA phrase typed twice.\n',
      }),
    );
    expect(pack.id).toBe('child');
    expect(pack.version).toBe('2.1.0');
    expect(pack.lineage).toEqual(['base']);
    expect(pack.rules.map((r) => r.id)).toEqual(['base/balance', 'child/repeated-phrase']);
    expect(pack.rules[1]?.doc).toContain('A phrase typed twice');
    expect(Object.keys(pack.tables)).toEqual(['T3']);
  });

  it('reads a pack that several packs extend once among them, when loaded together', () => {
    const files = {
      '/rules/base/pack.yaml': BASE,
      '/rules/a/pack.yaml': 'id: a\nversion: 1.0.0\nextends: [base]\n',
      '/rules/b/pack.yaml': 'id: b\nversion: 1.0.0\nextends: [base]\n',
    };
    const reads: string[] = [];
    const memory = memoryHost(files);
    const host = {
      ...memory,
      readFile: (file: string) => {
        reads.push(file);
        return memory.readFile(file);
      },
    };
    const alone = [loadPack('a', host), loadPack('b', host)];
    expect(reads.filter((f) => f === '/rules/base/pack.yaml')).toHaveLength(2);
    reads.length = 0;
    const load = packLoader(host);
    const together = [load('a'), load('b')];
    expect(reads.filter((f) => f === '/rules/base/pack.yaml')).toHaveLength(1);
    // The same packs either way, and the base pack's rules shared rather than built twice.
    expect(together.map((p) => [p.id, p.lineage, p.rules.map((r) => r.id)])).toEqual(alone.map((p) => [p.id, p.lineage, p.rules.map((r) => r.id)]));
    expect(together[0]?.rules[0]).toBe(together[1]?.rules[0]);
  });

  it('refuses a YAML syntax error with file, line and column', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: broken\nversion: 1.0.0\nrules:\n  - id: [unclosed\n' });
    expect(e.file).toBe('/rules/pack/pack.yaml');
    expect(e.range?.start.line).toBe(4);
    expect(e.format()).toMatch(/^\/rules\/pack\/pack\.yaml:4:\d+: YAML syntax error/);
  });

  it('refuses an unknown key, naming it and suggesting the near one', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: typo\nversion: 1.0.0\nrulez: []\n' });
    expect(e.code).toBe('unknown-key');
    expect(e.message).toContain('"rulez"');
    expect(e.message).toContain('did you mean "rules"');
    expect(e.range?.start).toEqual({ line: 3, column: 1 });
  });

  it('refuses a wrong type at the value', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: t\nversion: 1.0.0\nrules:\n  - id: x\n    severity: fatal\n    check: { period: {} }\n' });
    expect(e.message).toContain('rules.0.severity');
    expect(e.message).toContain('"error", "warning", "info"');
    expect(e.range?.start).toEqual({ line: 5, column: 15 });
  });

  it('refuses a rule referring to an undefined fact, at the rule', () => {
    const e = failure({
      '/rules/pack/pack.yaml': 'id: t\nversion: 1.0.0\nfacts:\n  a: { meta: year }\nrules:\n  - id: x\n    check:\n      compare: { relation: "a = b" }\n',
    });
    expect(e.code).toBe('undefined-fact');
    expect(e.message).toContain('undefined fact or table "b"');
    expect(e.range?.start).toEqual({ line: 8, column: 16 });
  });

  it('refuses a cycle in extends', () => {
    const e = failure({
      '/rules/pack/pack.yaml': 'id: a\nversion: 1.0.0\nextends: [b]\n',
      '/rules/b/pack.yaml': 'id: b\nversion: 1.0.0\nextends: [pack]\n',
    });
    expect(e.code).toBe('extends-cycle');
    expect(e.message).toContain('cycle');
    expect(e.range?.start.line).toBe(3);
  });

  it('refuses an invalid formula at the relation', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: t\nversion: 1.0.0\nrules:\n  - id: x\n    check:\n      compare: { relation: "T3[一 = 4" }\n' });
    expect(e.code).toBe('invalid-formula');
    expect(e.range?.start.line).toBe(6);
  });

  it('refuses a pattern the linear-time engine cannot run (backreference)', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: t\nversion: 1.0.0\nrules:\n  - id: x\n    check:\n      text-pattern: { pattern: "(领导)\\\\1" }\n' });
    expect(e.code).toBe('invalid-pattern');
    expect(e.range?.start.line).toBe(6);
  });

  it('reports every schema problem at once', () => {
    try {
      loadPack('pack', memoryHost({ '/rules/pack/pack.yaml': 'id: Bad Id\nversion: one\n' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CrossfootErrors);
      expect((error as CrossfootErrors).errors.map((e) => e.range?.start.line)).toEqual([1, 2]);
    }
  });

  it('refuses a missing pack in extends at the reference', () => {
    const e = failure({ '/rules/pack/pack.yaml': 'id: a\nversion: 1.0.0\nextends: [nowhere]\n' });
    expect(e.code).toBe('pack-not-found');
    expect(e.range?.start).toEqual({ line: 3, column: 11 });
  });
});

describe('config', () => {
  it('reads packs, globs, locale and severity overrides', () => {
    const c = parseConfig(
      'crossfoot.config.yaml',
      'packs: [cn-gov-disclosure-2021]\ninclude: ["reports/**/*.md"]\nlocale: en\nrules:\n  cn-gov-disclosure-common/repeated-phrase: off\n',
    );
    expect(c.packs).toEqual(['cn-gov-disclosure-2021']);
    expect(c.rules['cn-gov-disclosure-common/repeated-phrase']).toBe('off');
    expect(c.locale).toBe('en');
  });

  it('refuses an unknown key and a bad severity, located', () => {
    expect(() => parseConfig('c.yaml', 'pack: [x]\n')).toThrow(/unknown key "pack".*did you mean "packs"/);
    try {
      parseConfig('c.yaml', 'rules:\n  a/b: fatal\n');
      expect.unreachable();
    } catch (error) {
      expect((error as CrossfootError).range?.start).toEqual({ line: 2, column: 8 });
    }
  });
});
