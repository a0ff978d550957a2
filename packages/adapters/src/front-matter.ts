import { type AdapterProblem, type LineIndex, type Located, type Period, parseYamlDocument, type Range, type ReportMeta } from '@crossfoot/core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type Document, isMap, isScalar, type Node as YamlNode } from 'yaml';
import { FRONT_MATTER_KEYS } from './front-matter-schema.ts';
import { readLimits } from './limits.ts';
import { plainFrontMatter } from './plain-front-matter.ts';
import { problem } from './problems.ts';
import { isBlank } from './reading.ts';
import * as precompiled from './schema-validators.generated.ts';

/** The least nesting limit under which `plainFrontMatter`'s front matter (a mapping of mappings and lists) is never too deep. */
const PLAIN_DEPTH = 8;

function validate(value: unknown): ErrorObject[] {
  const validator = precompiled.frontMatter as ValidateFunction;
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

const EXPECTED: Record<string, { zh: string; en: string }> = {
  title: { zh: '非空字符串', en: 'a non-empty string' },
  issuer: { zh: '非空字符串', en: 'a non-empty string' },
  period: {
    zh: '含 start 和 end 两个 ISO 日期的映射，或“2024-01-01/2024-12-31”形式的字符串',
    en: '{start, end} ISO dates or a string like 2024-01-01/2024-12-31',
  },
  published: { zh: 'yyyy-mm-dd 形式的日期', en: 'an ISO date, yyyy-mm-dd' },
  packs: { zh: '规则包标识的列表', en: 'a list of rule pack ids' },
  year: { zh: '四位整数年份', en: 'a four-digit integer year' },
};

/**
 * Reads the YAML between the front matter fences, `index.text.slice(from, to)`: syntax errors,
 * schema errors and unknown keys become located problems; valid values become meta with their ranges.
 */
export function readFrontMatter(index: LineIndex, from: number, to: number, problems: AdapterProblem[]): ReportMeta {
  const source = index.text.slice(from, to);
  const { nestingDepth, yamlAliases } = readLimits();
  const at = (r: readonly number[] | undefined, fallback: Range): Range => {
    if (!r) return fallback;
    const start = from + (r[0] ?? 0);
    let end = from + (r[1] ?? r[0] ?? 0);
    // Block collections end at the start of the next line.
    while (end > start && isBlank(index.text.charCodeAt(end - 1))) end--;
    return index.range(start, end);
  };
  const whole = index.range(from, to);

  // Front matter in the plainest YAML, with known keys and valid values, needs neither the YAML library nor the
  // ranges of what is wrong in it; anything else is read by the library.
  const plain = nestingDepth >= PLAIN_DEPTH ? plainFrontMatter(source) : undefined;
  if (plain && Object.keys(plain.data).every((key) => FRONT_MATTER_KEYS.includes(key)) && validate(plain.data).length === 0) {
    return metaOf(plain.data, new Set(), (key) => at(plain.ranges.get(key), whole), problems);
  }

  const read = parseYamlDocument(source, nestingDepth, { prettyErrors: false, keepSourceTokens: false });
  if ('tooDeep' in read) {
    const start = from + read.tooDeep;
    problems.push(problem('front-matter-too-deep', index.range(start, Math.max(start, index.lineEnd(index.position(start).line))), { limit: nestingDepth }));
    return {};
  }
  const doc = read.doc;

  if (doc.errors.length > 0) {
    let contentEnd = to;
    while (contentEnd > from && isBlank(index.text.charCodeAt(contentEnd - 1))) contentEnd--;
    for (const e of doc.errors) {
      // An error found only at the end (an unclosed quote or bracket) is somewhere in the whole block.
      const range = from + e.pos[0] >= contentEnd ? index.range(from, contentEnd) : index.range(from + e.pos[0], Math.min(from + e.pos[1], contentEnd));
      problems.push(problem('front-matter-syntax', range, { detail: firstLine(e.message) }));
    }
    return {};
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    problems.push(problem('front-matter-not-mapping', at(doc.contents.range, whole)));
    return {};
  }

  const nodeRange = (path: string[]): Range => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range, whole);
    }
    return at(doc.contents?.range, whole);
  };

  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined && !FRONT_MATTER_KEYS.includes(key)) {
      const keyRange = isScalar(pair.key) && pair.key.range ? at(pair.key.range, whole) : whole;
      problems.push(problem('front-matter-unknown-key', keyRange, { key, known: FRONT_MATTER_KEYS.join(', ') }));
    }
  }

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: yamlAliases }) as Record<string, unknown>;
  } catch (error) {
    // Aliases that expand to a huge structure ("billion laughs"): the one error toJS throws on a parsed document.
    problems.push(problem('front-matter-aliases', whole, { detail: error instanceof Error ? error.message : String(error) }));
    return {};
  }
  const invalid = new Set<string>();
  for (const error of validate(data)) {
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    const key = path[0];
    if (key === undefined) {
      problems.push(problem('front-matter-not-mapping', whole));
      return {};
    }
    if (invalid.has(key)) continue;
    invalid.add(key);
    const expected = EXPECTED[key] ?? { zh: '合法的值', en: 'a valid value' };
    problems.push(problem('front-matter-invalid', nodeRange(path), { key, expected: expected.zh, expectedEn: expected.en }));
  }

  return metaOf(data, invalid, (key) => valueRange(doc, key, at, whole), problems);
}

/** The meta of front matter read as `data`, but for the keys found `invalid`; `rangeOf` a top-level key's value. */
function metaOf(data: Record<string, unknown>, invalid: Set<string>, rangeOf: (key: string) => Range, problems: AdapterProblem[]): ReportMeta {
  const meta: ReportMeta = {};
  const located = <T>(key: string, value: T): Located<T> => ({ value, range: rangeOf(key) });
  for (const key of ['title', 'issuer'] as const) {
    if (!invalid.has(key) && typeof data[key] === 'string') meta[key] = located(key, data[key] as string);
  }
  if (!invalid.has('packs') && Array.isArray(data.packs)) meta.packs = located('packs', data.packs as string[]);
  if (!invalid.has('published') && typeof data.published === 'string') {
    if (checkDate(data.published, rangeOf('published'), problems)) {
      meta.published = located('published', data.published);
    }
  }
  if (!invalid.has('period') && data.period !== undefined) {
    const period = readPeriod(data.period);
    const range = rangeOf('period');
    if (period && checkDate(period.start, range, problems) && checkDate(period.end, range, problems)) {
      if (period.end < period.start) problems.push(problem('front-matter-period-order', range, { ...period }));
      else meta.period = { value: period, range };
    }
  }
  if (!invalid.has('year') && typeof data.year === 'number') meta.year = located('year', data.year);
  else if (meta.period && meta.period.value.start.slice(0, 4) === meta.period.value.end.slice(0, 4)) {
    meta.year = { value: Number(meta.period.value.start.slice(0, 4)), range: meta.period.range };
  }
  return meta;
}

function valueRange(doc: Document, key: string, at: (r: readonly number[] | undefined, fallback: Range) => Range, whole: Range): Range {
  const node = doc.get(key, true) as YamlNode | undefined;
  return node && typeof node === 'object' && 'range' in node ? at(node.range ?? undefined, whole) : whole;
}

function readPeriod(value: unknown): Period | undefined {
  if (typeof value === 'string') {
    const [start, end] = value.split('/');
    return start && end ? { start, end } : undefined;
  }
  if (value && typeof value === 'object') {
    const { start, end } = value as Record<string, unknown>;
    if (typeof start === 'string' && typeof end === 'string') return { start, end };
  }
  return undefined;
}

/** Is `yyyy-mm-dd` a day of the calendar? */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkDate(iso: string, range: Range, problems: AdapterProblem[]): boolean {
  if (isCalendarDate(iso)) return true;
  problems.push(problem('front-matter-date', range, { date: iso }));
  return false;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/u, '').trim();
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
