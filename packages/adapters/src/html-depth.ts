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

/** What a start tag of each name does to the stack of open elements, looked up once per tag. */
interface TagKind {
  /** Void: never open. */
  void: boolean;
  /** Raw text up to its end tag. */
  raw: boolean;
  implied?: { same: string[]; scope: string[] };
}

const KINDS = new Map<string, TagKind>();
for (const name of new Set([...VOID, ...RAW, ...Object.keys(IMPLIED)])) {
  KINDS.set(name, { void: VOID.has(name), raw: RAW.has(name), implied: Object.hasOwn(IMPLIED, name) ? IMPLIED[name] : undefined });
}

/**
 * Offset of the start tag that takes the document past `limit` levels of nesting, or undefined. An estimate from
 * the tags as written, with the end tags HTML lets authors leave out (`<p>`, `<li>`, `<td>` …) implied; it can
 * only overstate the nesting of the tree the parser builds by elements such as an unclosed `<span>`.
 *
 * Every HTML report is scanned so before it is parsed, tag by tag: a tag's name is read a character at a time and
 * made lower case only when it is not, and each kind of tag is looked up once.
 */
export function htmlTooDeep(text: string, limit = MAX_HTML_DEPTH): number | undefined {
  const stack: string[] = [];
  let at = text.indexOf('<');
  while (at >= 0) {
    let i = at + 1;
    let c = text.charCodeAt(i);
    if (c === 33 && text.startsWith('!--', i)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return undefined;
      at = text.indexOf('<', end + 3);
      continue;
    }
    const closing = c === 47;
    if (closing) c = text.charCodeAt(++i);
    if (!isLetter(c)) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    const from = i;
    let upper = false;
    for (; i < text.length; i++) {
      c = text.charCodeAt(i);
      if (isLetter(c)) upper ||= c <= 90;
      else if (!((c >= 48 && c <= 58) || c === 45)) break;
    }
    const name = upper ? text.slice(from, i).toLowerCase() : text.slice(from, i);
    const close = tagEnd(text, i);
    if (close < 0) return undefined;
    if (closing) {
      popName(stack, name);
    } else {
      const kind = KINDS.get(name);
      if (!kind?.void && text.charCodeAt(close - 1) !== 47) {
        if (kind?.implied) popTo(stack, kind.implied.same, kind.implied.scope);
        stack.push(name);
        if (stack.length > limit) return at;
        if (kind?.raw) {
          const end = rawEnd(name);
          end.lastIndex = close;
          if (!end.exec(text)) return undefined;
          stack.pop();
          at = text.indexOf('<', end.lastIndex);
          continue;
        }
      }
    }
    at = text.indexOf('<', close + 1);
  }
  return undefined;
}

/** An ASCII letter: a tag name's first character. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
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

/** Pops the nearest element named `name`, and everything above it (an end tag). */
function popName(stack: string[], name: string): void {
  for (let i = stack.length - 1; i >= 0 && i >= stack.length - SEARCH; i--) {
    if (stack[i] === name) {
      stack.length = i;
      return;
    }
  }
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
