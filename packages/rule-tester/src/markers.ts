import type { ExpectedError } from './cases.ts';
import { sameRule } from './compare.ts';

const MARKER = /<!--\s*expect:([\s\S]*?)-->/gu;
/** One or more markers closing a line, with the blanks before them. */
const TRAILING = /(?:\s*<!--\s*expect:[\s\S]*?-->)+\s*$/u;
const LINE_BREAK = /(\r\n|\r|\n)/u;
const OPENS_MARKER = /<!--\s*expect:/u;

/**
 * Reads the expectations a fixture carries (like markdownlint's `{MD001}`):
 * `<!-- expect: <rule-id> <messageId> [<column>] -->` at the end of a line expects that error on that line;
 * on a line of its own (markers only), on the next line that is neither blank nor markers only.
 * Without a column only the line is asserted. Several markers may share a line.
 *
 * With `ruleId`, only markers naming that rule (full id or short name) count.
 * Returns undefined when the fixture has no marker (for that rule); throws on a malformed or misplaced marker.
 */
export function expectationsFromMarkers(code: string, ruleId?: string): ExpectedError[] | undefined {
  const found: ExpectedError[] = [];
  let pending: ExpectedError[] = [];
  code.split(/\r\n|\r|\n/u).forEach((text, i) => {
    const line = i + 1;
    const here: ExpectedError[] = [];
    for (const m of text.matchAll(MARKER)) here.push(parseMarker(m[1] as string, line, m[0]));
    const rest = text.replace(TRAILING, '');
    if (here.length > 0 && OPENS_MARKER.test(rest)) throw new Error(`line ${line}: an expect marker must end its line or stand on a line of its own`);
    if (here.length > 0 && rest.trim() === '') {
      pending.push(...here);
      return;
    }
    if (text.trim() === '') return;
    for (const e of pending) found.push({ ...e, line });
    pending = [];
    found.push(...here);
  });
  if (pending.length > 0) throw new Error('an expect marker on a line of its own has no line after it to apply to');
  const mine = ruleId === undefined ? found : found.filter((e) => e.ruleId !== undefined && (sameRule(e.ruleId, ruleId) || sameRule(ruleId, e.ruleId)));
  return mine.length > 0 ? mine : undefined;
}

/**
 * The fixture as the rule sees it: markers closing a line are cut off and marker-only lines left blank,
 * so every other character keeps its line and column and no marker reaches a table or a pattern.
 */
export function stripMarkers(code: string): string {
  if (!code.includes('expect:')) return code;
  return code
    .split(LINE_BREAK)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(TRAILING, '')))
    .join('');
}

function parseMarker(body: string, line: number, whole: string): ExpectedError {
  const words = body
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '');
  const [ruleId, messageId, column, ...rest] = words;
  const bad = (why: string) => new Error(`line ${line}: ${why}: ${whole} (write <!-- expect: <rule-id> <messageId> [<column>] -->)`);
  if (!ruleId || !messageId) throw bad('an expect marker needs a rule id and a messageId');
  if (rest.length > 0) throw bad('an expect marker has too many words');
  const e: ExpectedError = { ruleId, messageId, line };
  if (column !== undefined) {
    if (!/^[1-9]\d*$/u.test(column)) throw bad(`the column "${column}" is not a positive integer`);
    e.column = Number(column);
  }
  return e;
}
