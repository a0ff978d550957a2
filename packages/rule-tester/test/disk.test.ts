import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackFromDisk, RuleTester } from '../src/index.ts';
import { report } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'rule-tester-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writePack(id: string, files: Record<string, string>): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const base = writePack('town-base', {
  'pack.yaml': 'id: town-base\nversion: 0.1.0\nabstract: true\nrules:\n  - repeated-phrase.yaml\n',
  'repeated-phrase.yaml': 'id: repeated-phrase\nseverity: info\ncheck:\n  text-pattern:\n    repeated-phrase: { min: 2, max: 8 }\n',
  'repeated-phrase.md': '# repeated-phrase\n\n字词连续重复。\n',
});

const town = writePack('town-2023', {
  'pack.yaml': [
    'id: town-2023',
    'version: 0.1.0',
    'extends: [town-base]',
    'tables:',
    '  regs: { caption: 主动公开政府信息情况, has-row: 规章 }',
    'rules:',
    '  - rules/current-total.yaml',
    '',
  ].join('\n'),
});
mkdirSync(join(town, 'rules'));
writeFileSync(
  join(town, 'rules', 'current-total.yaml'),
  'id: current-total\ncheck:\n  compare:\n    relation: "regs[合计] = regs[规章] + regs[行政规范性文件]"\n    for-each: column\n',
);

describe('loadPackFromDisk', () => {
  it('loads a pack folder with its rule files and the sibling pack it extends', () => {
    const pack = loadPackFromDisk(town);
    expect(pack.id).toBe('town-2023');
    expect(pack.rules.map((r) => r.id)).toEqual(['town-base/repeated-phrase', 'town-2023/current-total']);
    expect(pack.rules[0]!.doc).toContain('字词连续重复');
    expect(loadPackFromDisk(base).abstract).toBe(true);
  });

  it('gives a pack read from disk to the tester, inherited rules included', async () => {
    const tester = new RuleTester({ pack: loadPackFromDisk(town) });
    const twice = report({ work: '主要负责同志亲自部署，严格落实严格落实政府信息公开工作要求。' });
    for (const id of ['repeated-phrase', 'town-2023/repeated-phrase', 'town-base/repeated-phrase']) {
      expect(await tester.verify(id, { valid: [report()], invalid: [{ code: twice, errors: [{ messageId: 'repeated', line: 17, column: 12 }] }] })).toEqual([]);
    }
    expect(await tester.verify('current-total', { valid: [report(), twice], invalid: [] })).toEqual([]);
  });

  it('throws with every problem located in the pack files', () => {
    const broken = writePack('broken', { 'pack.yaml': 'id: broken\nversion: 0.1.0\nrules:\n  - id: sums\n    check:\n      sum: { table: nowhere }\n' });
    expect(() => loadPackFromDisk(broken)).toThrow(
      /^cannot load the pack in .*broken:\n.*pack\.yaml:\d+:\d+: rule "sums" refers to undefined table "nowhere" .*\[undefined-fact\]$/u,
    );
    expect(() => loadPackFromDisk(join(root, 'missing'))).toThrow(/cannot find pack/u);
  });

  it('loads the packs shipped with crossfoot', () => {
    const pack = loadPackFromDisk(fileURLToPath(new URL('../../../rules/cn-gov-disclosure-2008', import.meta.url)));
    expect(pack.lineage).toContain('cn-gov-disclosure-common');
    expect(pack.rules.some((r) => r.id === 'cn-gov-disclosure-common/repeated-phrase')).toBe(true);
  });
});
