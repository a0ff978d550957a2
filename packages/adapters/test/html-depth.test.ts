import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlTooDeep } from '../src/html-depth.ts';

/**
 * The depth estimate as first written, with a regular expression and arrays: what `htmlTooDeep` must give, kept plain
 * as the oracle of the property test below. (It read `IMPLIED` as a plain object, so that a tag named `constructor`
 * found Object's own property there and threw; the generated tags leave that name out.)
 */
function oracle(text: string, limit: number): number | undefined {
  const VOID = 'area base br col embed hr img input link meta wbr basefont bgsound frame image keygen param source track'.split(' ');
  const RAW = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'];
  const cells = { same: ['td', 'th'], scope: ['tr', 'table'] };
  const sections = { same: ['thead', 'tbody', 'tfoot'], scope: ['table'] };
  const IMPLIED = new Map([
    ['p', { same: ['p'], scope: ['div', 'td', 'th', 'table', 'li', 'ul', 'ol', 'dl', 'button', 'body'] }],
    ['li', { same: ['li'], scope: ['ul', 'ol', 'menu'] }],
    ['dt', { same: ['dt', 'dd'], scope: ['dl'] }],
    ['dd', { same: ['dt', 'dd'], scope: ['dl'] }],
    ['tr', { same: ['tr'], scope: ['table'] }],
    ['td', cells],
    ['th', cells],
    ['thead', sections],
    ['tbody', sections],
    ['tfoot', sections],
    ['option', { same: ['option'], scope: ['select', 'datalist', 'optgroup'] }],
    ['optgroup', { same: ['optgroup'], scope: ['select'] }],
  ]);
  const stack: string[] = [];
  const popTo = (names: string[], scope: string[]) => {
    for (let i = stack.length - 1; i >= 0 && i >= stack.length - 64; i--) {
      if (names.includes(stack[i] as string)) {
        stack.length = i;
        return;
      }
      if (scope.includes(stack[i] as string)) return;
    }
  };
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;
  const closeOf = /^(?:[^>"']|"[^"]*"|'[^']*')*>/;
  let at = text.indexOf('<');
  while (at >= 0) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return undefined;
      at = text.indexOf('<', end + 3);
      continue;
    }
    tag.lastIndex = at;
    const m = tag.exec(text);
    if (!m) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    const name = (m[2] as string).toLowerCase();
    const rest = closeOf.exec(text.slice(tag.lastIndex));
    if (!rest) return undefined;
    const close = tag.lastIndex + rest[0].length - 1;
    if (m[1]) popTo([name], []);
    else if (!VOID.includes(name) && text[close - 1] !== '/') {
      const implied = IMPLIED.get(name);
      if (implied) popTo(implied.same, implied.scope);
      stack.push(name);
      if (stack.length > limit) return at;
      if (RAW.includes(name)) {
        const end = text.toLowerCase().indexOf(`</${name}`, close);
        if (end < 0) return undefined;
        stack.pop();
        at = text.indexOf('<', end + 2 + name.length);
        continue;
      }
    }
    at = text.indexOf('<', close + 1);
  }
  return undefined;
}

const names = [
  'div',
  'DIV',
  'Span',
  'p',
  'li',
  'ul',
  'td',
  'TD',
  'th',
  'tr',
  'table',
  'tbody',
  'thead',
  'br',
  'img',
  'script',
  'Style',
  'title',
  'dl',
  'dt',
  'dd',
  'option',
  'select',
  'x-y',
  'h1',
  'svg:g',
  'svg',
  'Z',
  'z',
];
const piece = fc.oneof(
  fc.constantFrom(...names).map((n) => `<${n}>`),
  fc.constantFrom(...names).map((n) => `</${n}>`),
  fc.constantFrom(...names).map((n) => `<${n} class="a>b" title='c'>`),
  fc.constantFrom(...names).map((n) => `<${n}/>`),
  fc.constantFrom('表', 'text', '<', '< div>', '</ >', '<1>', '<!-- <div> -->', '<!--', '"', "'", '>', '</', '<!doctype html>', ' '),
);

describe('htmlTooDeep', () => {
  it('finds the tag that goes past the limit where the first estimate does, on tag soup', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (pieces, limit) => {
        const text = pieces.join('');
        expect(htmlTooDeep(text, limit)).toBe(oracle(text, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a tag named after a property every object has as any other tag', () => {
    expect(htmlTooDeep('<div><constructor><constructor>', 2)).toBe(18);
    // Its end tag closes it: the third level is the <b>, after <div>, <constructor>…</constructor> and <span>.
    expect(htmlTooDeep('<div><constructor></constructor><span><b>', 2)).toBe(38);
  });

  it('reads names in any case, with digits, colons and hyphens', () => {
    expect(htmlTooDeep('<Z></z><a><b>', 2)).toBeUndefined();
    expect(htmlTooDeep('<DIV></div><H1-X><h1-x>', 1)).toBe(17);
    // </svg:g> closes the svg:g and the svg in it, not the svg alone.
    expect(htmlTooDeep('<svg:g><svg></svg:g><b><i>', 2)).toBeUndefined();
  });

  it('looks for the element an end tag closes no further than 64 levels down', () => {
    // 70 spans in a div: the div is 71 levels down from the last span, so </div> closes nothing and <b> is level 72.
    const text = `<div>${'<span>'.repeat(70)}</div><b>`;
    expect(htmlTooDeep(text, 71)).toBe(text.length - 3);
    expect(htmlTooDeep(`<div>${'<span>'.repeat(60)}</div><b>`, 61)).toBeUndefined();
  });

  it('names the start tag past 512 levels of nesting', () => {
    expect(htmlTooDeep('<div>'.repeat(513))).toBe(512 * 5);
    expect(htmlTooDeep('<div>'.repeat(512))).toBeUndefined();
    expect(htmlTooDeep('<p>'.repeat(10_000))).toBeUndefined();
  });
});
