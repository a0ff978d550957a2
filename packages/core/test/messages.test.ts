import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../src/messages.ts';

/** Placeholders filled by one regular-expression replacement: how every message was rendered before templates were cut once. */
function replaced(template: string, data: Record<string, string>): string {
  return template.replace(/\{([A-Za-z][\w-]*)\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}

describe('render', () => {
  it('fills every placeholder it has data for and leaves the others as written', () => {
    expect(render({ 'zh-CN': '{total}≠{parts}', en: '{total} is not {parts} ({missing})' }, 'en', { total: '12', parts: '5 + 6' })).toBe(
      '12 is not 5 + 6 ({missing})',
    );
    expect(render({ 'zh-CN': '没有占位符', en: '' }, 'zh-CN', { a: 'x' })).toBe('没有占位符');
  });

  it('renders any template as one replacement of its placeholders would', () => {
    const piece = fc.oneof(
      fc.constantFrom('{a}', '{b-c}', '{x_1}', '{1a}', '{}', '{{a}}', '{a', 'a}', '{ a }', '{toString}', '{__proto__}', '$&', '$1'),
      fc.string({ maxLength: 6 }),
    );
    const data = fc.dictionary(
      fc.constantFrom('a', 'b-c', 'x_1', 'toString', '__proto__', 'z'),
      fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('$&', '{a}')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), data, (pieces, values) => {
        const template = pieces.join('');
        // Each template is rendered twice: the second time from the parts kept the first time.
        expect(render({ 'zh-CN': template, en: template }, 'en', values)).toBe(replaced(template, values));
        expect(render({ 'zh-CN': template, en: template }, 'zh-CN', values)).toBe(replaced(template, values));
      }),
      { numRuns: 1000 },
    );
  });
});
