import { RE2JS } from 're2js';
import { foldWidth } from './normalize.ts';

/**
 * A pack's pattern, compiled on RE2 (linear time: a pattern from a pack can never stall a run).
 * Patterns and subjects are width-folded, so `（一）` in a pack matches `(一)` in a report.
 */
export interface Pattern {
  source: string;
  test(text: string): boolean;
  /** Every match as [start, end) offsets in `text` (folding keeps offsets). */
  matches(text: string): [number, number][];
}

/** Any character with a meaning in RE2's syntax: a pattern without one is literal text, or literal texts separated by `|`. */
const SYNTAX = /[\\^$.?*+()[\]{}]/;

/**
 * Patterns compiled so far, by source: packs repeat patterns (each format's pack recognises a report by the same
 * title), and one pattern object remembers its last subject for all of them. A pattern is immutable but for that.
 * Forgotten all at once past `KEPT_PATTERNS`, so that a language server reloading a pack as it is edited does not
 * keep every pattern ever typed.
 */
const compiled = new Map<string, Pattern>();
const KEPT_PATTERNS = 2000;

export function compilePattern(source: string): Pattern {
  let pattern = compiled.get(source);
  if (!pattern) {
    pattern = compile(source);
    if (compiled.size >= KEPT_PATTERNS) compiled.clear();
    compiled.set(source, pattern);
  }
  return pattern;
}

function compile(source: string): Pattern {
  const folded = foldWidth(source);
  const literals = folded.split('|');
  // Literal text needs no regular expression: a substring search finds the same matches, much faster; so does a
  // search of how the text ends for literal texts each anchored at the end (`行政复议$`, `规章$|规范性文件$`).
  const suffixes = literals.map((l) => (l.endsWith('$') ? l.slice(0, -1) : ''));
  const search =
    !SYNTAX.test(folded) && literals.every((l) => l !== '')
      ? literalSearch(literals)
      : suffixes.every((l) => l !== '' && !SYNTAX.test(l) && !l.includes('|'))
        ? suffixSearch(suffixes)
        : re2Search(folded);
  // The last subject and its answer: checks ask the same question of one section title or line for each of
  // its figures and dates, and a title can be long.
  let lastText: string | undefined;
  let lastFound = false;
  return {
    source,
    test(text) {
      if (text !== lastText) {
        lastFound = search.test(foldWidth(text));
        lastText = text;
      }
      return lastFound;
    },
    matches: (text) => search.matches(foldWidth(text)),
  };
}

/** Searches of width-folded text. */
interface Search {
  test(text: string): boolean;
  matches(text: string): [number, number][];
}

/** Subjects up to this long are tested by V8's own engine when the pattern is of the plain kind (`plainRegExp`). */
const SHORT_SUBJECT = 256;

function re2Search(source: string): Search {
  const plain = plainRegExp(source);
  // A plain pattern is compiled on RE2 when first asked of a long text, if ever: most are only asked of short ones, and
  // compiling every pattern of the packs took milliseconds of every start. Any other is compiled here, where an invalid
  // one is reported with its place in the pack (every plain pattern is valid RE2, a property test holds).
  let program = plain === undefined ? RE2JS.compile(source) : undefined;
  const re = () => (program ??= RE2JS.compile(source));
  return {
    // A title, a row's label, a statement's words: short, and tested far more often than a whole text is searched.
    test: (text) => (plain !== undefined && text.length <= SHORT_SUBJECT ? plain.test(text) : re().matcher(text).find()),
    matches(text) {
      const m = re().matcher(text);
      const out: [number, number][] = [];
      while (m.find()) {
        out.push([m.start(), m.end()]);
        if (m.end() === m.start() && m.end() >= text.length) break;
      }
      return out;
    },
  };
}

/**
 * Literal alternatives each anchored at the end of the text, found as RE2 finds them: RE2's `$` (without the `m` flag)
 * matches at the end of the text only, so there is at most one match, and the leftmost is the longest alternative
 * that ends the text.
 */
function suffixSearch(literals: string[]): Search {
  const longest = (text: string) => literals.reduce((best, l) => (l.length > best && text.endsWith(l) ? l.length : best), 0);
  return {
    test: (text) => literals.some((l) => text.endsWith(l)),
    matches(text) {
      const length = longest(text);
      return length ? [[text.length - length, text.length]] : [];
    },
  };
}

/**
 * Literal alternatives, found as RE2 finds them (leftmost-first): the earliest start, and of the alternatives
 * found there the first listed; the next search begins where a match ends (none is empty).
 */
function literalSearch(literals: string[]): Search {
  return {
    test: (text) => literals.some((l) => text.includes(l)),
    matches(text) {
      const out: [number, number][] = [];
      for (let from = 0; ; ) {
        let best: [number, number] | undefined;
        for (const literal of literals) {
          const at = text.indexOf(literal, from);
          if (at >= 0 && (best === undefined || at < best[0])) best = [at, at + literal.length];
        }
        if (!best) return out;
        out.push(best);
        from = best[1];
      }
    },
  };
}

/**
 * The pattern as a regular expression of V8's own engine when it is of a plain kind whose matches both engines agree
 * on and whose backtracking stays small on a short subject: literal characters, `.`, and in each alternative at most
 * one `*` or `+` (on a literal character or `.`), one group of literal alternatives and two `?` (on a
 * character or the group); `^` and `$` at the ends of an alternative, and a leading `(?i)`. With one unbounded
 * repeat the engine tries each start and each length at most once for every choice the group and the `?`s leave, so a
 * test costs at most about the square of `SHORT_SUBJECT` steps times those choices: a pattern from a pack cannot stall
 * a run this way either (`a?a?a?…`, `(a|a)(a|a)…` or `.*.*.*` would make it exponential or cubic). Anything else
 * (escapes, classes, counted repeats, nested groups) is left to RE2: undefined. RE2's `.` stops at a line feed only,
 * V8's at any line break, hence `[^\n]`.
 */
export function plainRegExp(source: string): RegExp | undefined {
  let flags = 'u';
  let rest = source;
  if (rest.startsWith('(?i)')) {
    flags = 'iu';
    rest = rest.slice(4);
  }
  const chars = [...rest];
  let out = '';
  let inGroup = false;
  /** What a quantifier would apply to: a character, `.`, a group, or nothing (after a quantifier, `|`, `(`). */
  let last: 'char' | 'dot' | 'group' | undefined;
  // What the current alternative holds so far (counted anew after a `|` outside the group).
  let repeats = 0;
  let groups = 0;
  let optionals = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const atStart = i === 0 || (!inGroup && chars[i - 1] === '|');
    switch (c) {
      case '(':
        if (inGroup || chars[i + 1] === '?' || ++groups > 1) return undefined;
        inGroup = true;
        out += '(?:';
        last = undefined;
        break;
      case ')':
        if (!inGroup) return undefined;
        inGroup = false;
        out += ')';
        last = 'group';
        break;
      case '|':
        if (!inGroup) {
          repeats = 0;
          groups = 0;
          optionals = 0;
        }
        out += '|';
        last = undefined;
        break;
      case '.':
        if (inGroup) return undefined;
        out += '[^\\n]';
        last = 'dot';
        break;
      case '*':
      case '+':
        if (inGroup || (last !== 'char' && last !== 'dot') || ++repeats > 1) return undefined;
        out += c;
        last = undefined;
        break;
      case '?':
        if (last === undefined || (inGroup && last !== 'char') || ++optionals > 2) return undefined;
        out += '?';
        last = undefined;
        break;
      case '^':
        if (inGroup || !atStart) return undefined;
        out += '^';
        last = undefined;
        break;
      case '$':
        if (inGroup || !(i === chars.length - 1 || chars[i + 1] === '|')) return undefined;
        out += '$';
        last = undefined;
        break;
      default:
        if ('\\[]{}'.includes(c)) return undefined;
        out += c;
        last = 'char';
    }
  }
  if (inGroup) return undefined;
  try {
    return new RegExp(out, flags);
  } catch {
    return undefined;
  }
}
