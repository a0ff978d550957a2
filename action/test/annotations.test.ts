import { beforeEach, describe, expect, it, vi } from 'vitest';
import { annotationProperties, annotationText, emitAnnotations, hiddenCount, JOB_LIMIT, planAnnotations } from '../src/annotations.ts';
import * as core from './core-mock.ts';
import { finding } from './fixtures.ts';

vi.mock('@actions/core', () => import('./core-mock.ts'));

beforeEach(() => core.reset());

describe('planAnnotations', () => {
  it('orders by severity, then file, line and column', () => {
    const plan = planAnnotations([
      finding('b.md', 1, 'info'),
      finding('b.md', 9, 'warning'),
      finding('b.md', 3, 'error'),
      finding('a.md', 7, 'error'),
      finding('a.md', 2, 'warning'),
    ]);
    expect(plan.shown.map((d) => `${d.severity} ${d.uri}:${d.range.start.line}`)).toEqual([
      'error a.md:7',
      'error b.md:3',
      'warning a.md:2',
      'warning b.md:9',
      'info b.md:1',
    ]);
    expect(hiddenCount(plan)).toBe(0);
  });

  it('keeps at most 10 of each level per step, the first by position, and counts the rest', () => {
    const many = (severity: 'error' | 'warning' | 'info', n: number) => Array.from({ length: n }, (_, i) => finding(`r${i}.md`, 10, severity));
    const plan = planAnnotations([...many('info', 25), ...many('error', 30).reverse(), ...many('warning', 12)]);
    const levels = plan.shown.map((d) => d.severity);
    expect(levels.filter((s) => s === 'error')).toHaveLength(10);
    expect(levels.filter((s) => s === 'warning')).toHaveLength(10);
    expect(levels.filter((s) => s === 'info')).toHaveLength(10);
    expect(plan.shown[0]?.uri).toBe('r0.md');
    expect(plan.shown.slice(0, 10).map((d) => d.uri)).toEqual([
      'r0.md',
      'r1.md',
      'r10.md',
      'r11.md',
      'r12.md',
      'r13.md',
      'r14.md',
      'r15.md',
      'r16.md',
      'r17.md',
    ]);
    expect(plan.hidden).toEqual({ error: 20, warning: 2, info: 15 });
    expect(plan.shown.length + hiddenCount(plan)).toBe(67);
  });

  it('never exceeds the per-job limit', () => {
    const all = Array.from({ length: 80 }, (_, i) => finding(`r${i}.md`, 1, 'error'));
    const plan = planAnnotations(all, { error: 100, warning: 100, info: 100 });
    expect(plan.shown).toHaveLength(JOB_LIMIT);
    expect(plan.hidden.error).toBe(30);
  });
});

describe('annotation properties', () => {
  it('names the file relative to the workspace, the lines, the rule as title, and columns on a single-line span', () => {
    expect(annotationProperties(finding('reports/r01.txt', 10))).toEqual({
      title: 'cn-gov-disclosure-common/statement-sums',
      file: 'reports/r01.txt',
      startLine: 10,
      endLine: 10,
      startColumn: 19,
      endColumn: 23,
    });
  });

  it('leaves columns out of a span over several lines', () => {
    const d = { ...finding('a.md', 4), range: { start: { line: 4, column: 3 }, end: { line: 6, column: 8 } } };
    expect(annotationProperties(d)).toEqual({ title: d.ruleId, file: 'a.md', startLine: 4, endLine: 6 });
  });

  it('carries the arithmetic in the message, as the github formatter writes it', () => {
    const text = annotationText(finding('a.md', 10), 'zh-CN');
    expect(text).toBe(
      '全年通过政府信息公开网主动公开信息共 320，但其中各项之和为 322（53 + 48 + 207 + 14），多出 2\n算式：53 + 48 + 207 + 14 = 322；应为：322；实为：320；差额：-2；精度：精确比较',
    );
    expect(annotationText({ ...finding('a.md', 1), message: '100% : done, 50%0A', arithmetic: undefined }, 'en')).toBe('100% : done, 50%0A');
  });
});

describe('emitAnnotations', () => {
  it('sends errors, warnings and infos to core.error, core.warning and core.notice', () => {
    emitAnnotations(planAnnotations([finding('a.md', 1, 'info'), finding('a.md', 2, 'warning'), finding('a.md', 10, 'error')]), 'en');
    expect(core.error).toHaveBeenCalledTimes(1);
    expect(core.error.mock.calls[0]?.[1]).toMatchObject({ file: 'a.md', startLine: 10 });
    expect(core.error.mock.calls[0]?.[0]).toContain('expression: 53 + 48 + 207 + 14 = 322');
    expect(core.warning).toHaveBeenCalledTimes(1);
    expect(core.notice).toHaveBeenCalledTimes(1);
  });
});
