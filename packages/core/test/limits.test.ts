import { describe, expect, it } from 'vitest';
import { Checker, CrossfootError, DEFAULT_LIMITS, loadPack, parseConfig } from '../src/index.ts';
import { doc, memoryHost } from './helpers.ts';

const PACK = `id: demo
version: 1.0.0
title: { zh-CN: 演示, en: Demo }
locales: [zh-CN]
rules:
  - id: no-placeholder
    severity: warning
    check:
      text-pattern: { pattern: "XX" }
`;
const pack = loadPack('demo', memoryHost({ '/rules/demo/pack.yaml': PACK }));
const placeholders = (n: number) => doc({ text: Array.from({ length: n }, () => 'XX').join('\n') });

describe('config limits', () => {
  it('default when the config has none', () => {
    expect(parseConfig('c.yaml', 'locale: en\n').limits).toEqual(DEFAULT_LIMITS);
  });

  it('raise or lower each limit by its config key', () => {
    const c = parseConfig(
      'c.yaml',
      'limits:\n  file-size-mb: 200\n  table-rows: 200000\n  findings-per-file: 5\n  yaml-aliases: 1000\n  nesting-depth: 128\n  seconds-per-file: 300\n',
    );
    expect(c.limits).toEqual({ fileSizeMb: 200, tableRows: 200_000, findingsPerFile: 5, yamlAliases: 1000, nestingDepth: 128, secondsPerFile: 300 });
  });

  it.each([
    ['limits:\n  rows: 10\n', 'rows'],
    ['limits:\n  table-rows: 0\n', 'table-rows'],
    ['limits:\n  seconds-per-file: -1\n', 'seconds-per-file'],
    ['limits:\n  nesting-depth: 100000\n', 'nesting-depth'],
  ])('refuse %j with a located error', (text, key) => {
    try {
      parseConfig('c.yaml', text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CrossfootError);
      const e = error as CrossfootError;
      expect(e.format()).toContain(key);
      expect(e.range?.start.line).toBe(2);
    }
  });
});

describe('the checker keeps to the limits', () => {
  it('lists findingsPerFile findings and one that counts the rest', async () => {
    const found = await new Checker([pack], { locale: 'en', findingsPerFile: 5 }).check({ doc: placeholders(12), packs: [pack] });
    expect(found).toHaveLength(6);
    const note = found.find((d) => d.ruleId === 'crossfoot/too-many-findings');
    expect(note?.data).toEqual({ omitted: '7', limit: '5' });
    expect(note?.severity).toBe('warning');
  });

  it('runs no pack once the deadline has passed, and says so', async () => {
    const found = await new Checker([pack], { locale: 'en' }).check({ doc: placeholders(3), packs: [pack], deadline: Date.now() - 1, seconds: 60 });
    expect(found.map((d) => d.ruleId)).toEqual(['crossfoot/time-limit']);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toBe('Reading and checking this file took more than 60 s (limits.seconds-per-file); the packs demo were not run');
  });

  it('runs every pack before the deadline', async () => {
    const found = await new Checker([pack], { locale: 'en' }).check({ doc: placeholders(3), packs: [pack], deadline: Date.now() + 60_000, seconds: 60 });
    expect(found.map((d) => d.ruleId)).toEqual(['demo/no-placeholder', 'demo/no-placeholder', 'demo/no-placeholder']);
  });
});
