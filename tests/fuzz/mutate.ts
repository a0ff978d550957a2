import { createRequire } from 'node:module';
import type { Rng } from './rng.ts';
import { reports } from './seeds.ts';

const iconv = createRequire(new URL('../../packages/adapters/package.json', import.meta.url))('iconv-lite') as {
  encode(text: string, encoding: string): Uint8Array;
};

/** How large a generated input may grow: the short run stays small, the long run reaches 100,000 rows and 5 MB lines. */
export interface Budget {
  /** Longest single line inserted, in characters. */
  line: number;
  /** Most copies of a row or block. */
  repeat: number;
  /** Deepest nesting inserted. */
  depth: number;
}

export const SHORT: Budget = { line: 200_000, repeat: 3_000, depth: 3_000 };
export const LONG: Budget = { line: 5_000_000, repeat: 100_000, depth: 100_000 };

/** Numerals, in the forms reports print them and the forms that break readers. */
export const NUMERALS = [
  '0',
  '-0',
  '+7',
  '1e400',
  '-1e400',
  '1e-400',
  '9'.repeat(400),
  '９'.repeat(400),
  `0.${'0'.repeat(300)}1`,
  '１２３',
  '1,234,567.890',
  '1，234',
  '12.50',
  '.5',
  '5.',
  '−5',
  '(12)',
  '12%',
  '12‰',
  '٣٤',
  '१२',
  'Ⅻ',
  '½',
  '²',
  '一千二百',
  '壹万',
  '〇',
  '两',
  '3亿',
  '1.2万',
  'NaN',
  'Infinity',
  '0x1F',
  '1_000',
  '１．５',
  '—',
  '——',
  '/',
  '－',
  '',
];

/** Pieces of syntax of every format, markers the outline reader keys on, and characters that trip decoders. */
const TOKENS = [
  '|',
  '| ',
  ' | ',
  '|---|---|',
  '| :-: |',
  '\\|',
  '\n| a | 1 | 2 |\n|---|---|---|\n| 合计 | 1e400 | ９９ |\n',
  '#',
  '# ',
  '\n## 一、',
  '---\n',
  '\n---\n',
  '```',
  '> ',
  '- ',
  '* ',
  '1. ',
  '**',
  '_',
  '[',
  '](',
  '<',
  '<!--',
  '-->',
  '<!-- crossfoot-disable -->',
  '<!-- crossfoot-enable -->',
  '<!-- crossfoot-disable-next-line cn-gov-disclosure-common/statement-sums -- 理由 -->',
  '<table>',
  '</table>',
  '<tr>',
  '<td>',
  '<th colspan="0">',
  '<td rowspan="65535" colspan="65535">',
  '<td rowspan="-1" colspan="1e9">',
  '<td colspan="NaN">',
  '<br>',
  '<p>',
  '<h1>',
  '<h7>',
  '<div style="display:none">',
  '<script>',
  '</script>',
  '<title>',
  '&#0;',
  '&#xFFFFFF;',
  '&amp;',
  '&nbsp;',
  '一、',
  '（一）',
  '(一)',
  '1、',
  '（1）',
  '①',
  '其中：',
  '其中',
  '合计',
  '总计',
  '小计',
  'Total',
  '共',
  '共计320条，其中',
  '件，其中',
  '、',
  '，',
  '。',
  '2018年',
  '2018年13月45日',
  '2018年2月30日',
  '0000-00-00',
  '9999年12月31日',
  '2018年1月1日至2018年12月31日',
  '2018年1月1日至2017年12月31日',
  '统计期限为',
  '年度报告',
  'title: ',
  'period: ',
  'period: 2024-12-31/2024-01-01',
  'published: 2024-02-30',
  'packs: [',
  'packs: [cn-gov-disclosure-2021, nope]',
  '__proto__: {polluted: yes}',
  'constructor: {prototype: {polluted: yes}}',
  '"__proto__": 1',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary AAAA',
  '!!js/function "function(){}"',
  '!<tag:yaml.org,2002:str> ',
  '? ',
  '%YAML 1.1\n',
  '{',
  '}',
  ': ',
  "'",
  '"',
  '\t',
  '\r',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u001b$B',
  '\uFFFD',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '\u3000',
  '\u00A0',
  '\uD800',
  '\uDC00',
  '😀',
  '𠀀',
];

/** The budget's full size one time in ten, else a tenth of it: the extremes stay in every run without making up most of it. */
function huge(rng: Rng, max: number): number {
  return rng.chance(0.1) ? max : Math.ceil(max / 10);
}

function insert(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

/** Offsets of line starts (cheap enough for seeds; mutated texts are at most a few MB). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineAt(text: string, rng: Rng, pred?: (line: string) => boolean): [number, number] | undefined {
  const starts = lineStarts(text);
  const candidates = pred
    ? starts.filter((s) => {
        const e = text.indexOf('\n', s);
        return pred(text.slice(s, e < 0 ? text.length : e));
      })
    : starts;
  if (!candidates.length) return undefined;
  const s = rng.pick(candidates);
  const e = text.indexOf('\n', s);
  return [s, e < 0 ? text.length : e];
}

function nested(rng: Rng, depth: number): string {
  const d = rng.size(16, depth);
  switch (rng.int(8)) {
    case 0:
      return `${'>'.repeat(d)} 共1条`;
    case 1:
      return `${'- '.repeat(d)}x`;
    case 2:
      return Array.from({ length: Math.min(d, 400) }, (_, i) => `${' '.repeat(2 * i)}- 共${i}条`).join('\n');
    case 3:
      return `${'<div>'.repeat(d)}共1条${'</div>'.repeat(rng.int(d))}`;
    case 4:
      return '<table><tr><td>'.repeat(Math.ceil(d / 4));
    case 5:
      return `${'['.repeat(d)}${']'.repeat(rng.int(d))}`;
    case 6:
      return `${'*a **a '.repeat(d)}b${' a** a*'.repeat(d)}`;
    default:
      return `${'{a: '.repeat(d)}1${'}'.repeat(rng.int(d + 1))}`;
  }
}

/** One text-level mutation. */
export function mutateText(text: string, rng: Rng, budget: Budget): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(18)) {
    case 0:
      return text.slice(0, at);
    case 1: {
      const end = Math.min(text.length, at + rng.size(1, 2000));
      return text.slice(0, at) + text.slice(end);
    }
    case 2: {
      const end = Math.min(text.length, at + rng.size(1, 400));
      return insert(text, end, text.slice(at, end).repeat(rng.size(1, 50)));
    }
    case 3:
    case 4:
      return insert(text, at, rng.pick(TOKENS).repeat(rng.chance(0.9) ? 1 : rng.size(2, 200)));
    case 5: {
      // A figure replaced by an odd numeral.
      const m = /\d+(?:\.\d+)?/gu;
      const found = [...text.matchAll(m)];
      if (!found.length) return insert(text, at, rng.pick(NUMERALS));
      const hit = rng.pick(found);
      return text.slice(0, hit.index) + rng.pick(NUMERALS) + text.slice((hit.index as number) + hit[0].length);
    }
    case 6: {
      // A ragged row: a cell more or less.
      const line = lineAt(text, rng, (l) => l.includes('|') || /\s{2,}\d/u.test(l) || l.includes('<td'));
      if (!line) return text;
      const [s, e] = line;
      const row = text.slice(s, e);
      const sep = row.includes('|') ? '|' : row.includes('<td') ? '<td>' : '  ';
      const cut = row.indexOf(sep, rng.int(row.length));
      const changed = rng.chance(0.5) && cut >= 0 ? row.slice(0, cut) + row.slice(cut + sep.length) : `${row}${sep} ${rng.pick(NUMERALS)} ${sep}`;
      return text.slice(0, s) + changed + text.slice(e);
    }
    case 7: {
      // Rows repeated: a long table.
      const line = lineAt(text, rng, (l) => l.includes('|') || /\d\s*$/u.test(l) || l.includes('<tr') || /^\s*- \[/u.test(l));
      if (!line) return text;
      const [s, e] = line;
      const row = `${text.slice(s, e)}\n`;
      return text.slice(0, s) + row.repeat(rng.size(2, huge(rng, budget.repeat))) + text.slice(e + 1);
    }
    case 8: {
      // A long line.
      const unit = rng.pick(['a', '共', '9', '１', '|', ' ', '一、', '共1条，其中1条、', '<b>x</b>', '2018年1月1日', '*']);
      return insert(text, at, unit.repeat(Math.ceil(rng.size(1000, huge(rng, budget.line)) / unit.length)));
    }
    case 9:
      return insert(text, at, `\n${nested(rng, budget.depth)}\n`);
    case 10:
      return rng.chance(0.5) ? text.replace(/\r?\n/gu, '\r\n') : text.replace(/\r?\n/gu, '\r');
    case 11: {
      const a = lineAt(text, rng);
      const b = lineAt(text, rng);
      if (!a || !b || a[0] === b[0]) return text;
      const [first, second] = a[0] < b[0] ? [a, b] : [b, a];
      if (second[0] < first[1]) return text;
      return (
        text.slice(0, first[0]) + text.slice(second[0], second[1]) + text.slice(first[1], second[0]) + text.slice(first[0], first[1]) + text.slice(second[1])
      );
    }
    case 12:
      return rng.chance(0.5) ? text.replace(/ /gu, '\u3000') : text.replace(/[,.:;()]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 13: {
      // Crossover: a slice of another report.
      const other = rng.pick(reports).text;
      const from = rng.int(other.length);
      return insert(text, at, other.slice(from, from + rng.size(1, 3000)));
    }
    case 14: {
      // Random characters, any code unit.
      let s = '';
      for (let n = rng.size(1, 64); n > 0; n--) s += String.fromCharCode(rng.chance(0.5) ? rng.int(128) : rng.int(0x10000));
      return insert(text, at, s);
    }
    case 15:
      return rng.chance(0.5) ? text.toUpperCase() : text.normalize('NFKC');
    case 16: {
      // A YAML alias bomb, in a report or its front matter.
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < rng.size(3, 9); i++)
        bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${`*${String.fromCharCode(96 + i)}, `.repeat(9)}x]`);
      return text.startsWith('---') ? `---\n${bomb.join('\n')}\n${text.slice(4)}` : `${bomb.join('\n')}\n${text}`;
    }
    default:
      return insert(text, at, rng.pick(NUMERALS));
  }
}

const INVALID_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8], [0x80], [0xe4, 0xb8], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0xaf]];
const MAGIC = [
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0xff, 0xfe, 0, 0],
  [0x1b, 0x24, 0x42],
];

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The text as bytes in an encoding a report may come in. */
export function encode(text: string, rng: Rng): Uint8Array {
  switch (rng.int(8)) {
    case 0:
      return concat([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8'));
    case 1:
      return concat([0xff, 0xfe], iconv.encode(text, 'utf16le'));
    case 2:
      return concat([0xfe, 0xff], iconv.encode(text, 'utf16be'));
    case 3:
      return iconv.encode(text, 'gbk');
    case 4:
      return iconv.encode(text, 'gb18030');
    default:
      return new Uint8Array(Buffer.from(text, 'utf8'));
  }
}

/** One byte-level mutation. */
export function mutateBytes(bytes: Uint8Array, rng: Rng): Uint8Array {
  const at = rng.int(bytes.length + 1);
  switch (rng.int(7)) {
    case 0:
      return bytes.slice(0, at);
    case 1: {
      const out = bytes.slice();
      for (let n = rng.size(1, 32); n > 0 && out.length; n--) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 2:
      return concat(bytes.subarray(0, at), rng.pick(INVALID_UTF8), bytes.subarray(at));
    case 3:
      return concat(bytes.subarray(0, at), [0], bytes.subarray(at));
    case 4:
      return concat(rng.pick(MAGIC), bytes);
    case 5: {
      const noise = new Uint8Array(rng.size(1, 256));
      for (let i = 0; i < noise.length; i++) noise[i] = rng.int(256);
      return concat(bytes.subarray(0, at), noise, bytes.subarray(at));
    }
    default:
      // Mixed encodings: a GBK piece in a UTF-8 file.
      return concat(bytes.subarray(0, at), iconv.encode('政府信息公开', 'gbk'), bytes.subarray(at));
  }
}
