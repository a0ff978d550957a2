/**
 * Elements nested deeper than this are not read (browsers stop nesting at 512 too). The HTML parser itself keeps
 * its own stack, but turning its tree into the syntax tree the adapter walks recurses once per level.
 */
export const MAX_HTML_DEPTH = 512;

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is text up to their end tag. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Elements a sibling of the same kind closes, within the container that scopes them (`<li>` in its `<ul>`). */
const IMPLIED: Record<string, { same: string[]; scope: string[] }> = {
  p: { same: ['p'], scope: ['div', 'td', 'th', 'table', 'li', 'ul', 'ol', 'dl', 'button', 'body'] },
  li: { same: ['li'], scope: ['ul', 'ol', 'menu'] },
  dt: { same: ['dt', 'dd'], scope: ['dl'] },
  dd: { same: ['dt', 'dd'], scope: ['dl'] },
  tr: { same: ['tr'], scope: ['table'] },
  td: { same: ['td', 'th'], scope: ['tr', 'table'] },
  th: { same: ['td', 'th'], scope: ['tr', 'table'] },
  thead: { same: ['thead', 'tbody', 'tfoot'], scope: ['table'] },
  tbody: { same: ['thead', 'tbody', 'tfoot'], scope: ['table'] },
  tfoot: { same: ['thead', 'tbody', 'tfoot'], scope: ['table'] },
  option: { same: ['option'], scope: ['select', 'datalist', 'optgroup'] },
  optgroup: { same: ['optgroup'], scope: ['select'] },
};
/** How far down the stack an implied or explicit end tag is looked for. */
const SEARCH = 64;

/**
 * Offset of the start tag that takes the document past `limit` levels of nesting, or undefined. An estimate from
 * the tags as written, with the end tags HTML lets authors leave out (`<p>`, `<li>`, `<td>` …) implied; it can
 * only overstate the nesting of the tree the parser builds by elements such as an unclosed `<span>`.
 */
export function htmlTooDeep(text: string, limit = MAX_HTML_DEPTH): number | undefined {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/gy;
  let at = text.indexOf('<');
  while (at >= 0 && at < text.length) {
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
    const close = tagEnd(text, tag.lastIndex);
    if (close < 0) return undefined;
    if (m[1]) {
      popTo(stack, [name], []);
    } else if (!VOID.has(name) && text[close - 1] !== '/') {
      const implied = IMPLIED[name];
      if (implied) popTo(stack, implied.same, implied.scope);
      stack.push(name);
      if (stack.length > limit) return at;
      if (RAW.has(name)) {
        const end = rawEnd(name);
        end.lastIndex = close;
        if (!end.exec(text)) return undefined;
        stack.pop();
        at = text.indexOf('<', end.lastIndex);
        continue;
      }
    }
    at = text.indexOf('<', close + 1);
  }
  return undefined;
}

const rawEnds = new Map<string, RegExp>();

function rawEnd(name: string): RegExp {
  let re = rawEnds.get(name);
  if (!re) {
    re = new RegExp(`</${name}`, 'giu');
    rawEnds.set(name, re);
  }
  return re;
}

/** Offset of the `>` that ends a tag whose name ends at `from` (quoted attribute values may hold `>`). */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i;
    }
  }
  return -1;
}

/** Pops the nearest element named in `names`, and everything above it, unless a `scope` element comes first. */
function popTo(stack: string[], names: string[], scope: string[]): void {
  for (let i = stack.length - 1; i >= 0 && i >= stack.length - SEARCH; i--) {
    const open = stack[i] as string;
    if (names.includes(open)) {
      stack.length = i;
      return;
    }
    if (scope.includes(open)) return;
  }
}
