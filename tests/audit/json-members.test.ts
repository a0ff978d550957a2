import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonMembers, JsonShapeError } from '../../packages/cli/src/json-members.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-json-members-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/**
 * What the reader gives of `text` read `chunk` bytes at a time: each member's name, and its value, read whole or (an
 * array whose name starts with `list`) an element at a time. Members named `skip…` are left unread.
 */
function read(text: string, chunk: number): [string, unknown][] {
  const file = join(dir, `${files++}.json`);
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    const reader = new JsonMembers(fd, chunk);
    const out: [string, unknown][] = [];
    for (const name of reader.members()) {
      if (name.startsWith('skip')) continue;
      if (name.startsWith('list') && reader.atArray()) out.push([name, [...reader.elements()]]);
      else out.push([name, reader.value()]);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

function failure(text: string, chunk = 3): string {
  try {
    read(text, chunk);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonShapeError);
    return (error as Error).message;
  }
  throw new Error('read without an error');
}

/** Any JSON value, strings holding the characters the scan follows (quotes, escapes, brackets) and Chinese. */
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '进', '\u0000', '😀') }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(true, false, null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('a JSON object read a member and an element at a time', () => {
  it('gives what JSON.parse gives, however the file is cut into reads and however it is indented', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 6 }),
        fc.array(value, { maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(undefined, 2, '\t', ' \r\n '),
        (members, list, chunk, indent) => {
          const whole = { ...members, list, skipped: [list, members] };
          const text = JSON.stringify(whole, null, indent);
          const expected = Object.entries(JSON.parse(text) as Record<string, unknown>).filter(([name]) => !name.startsWith('skip'));
          expect(read(text, chunk)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads an element larger than its buffer, and an empty object and array', () => {
    const big = 'x'.repeat(10_000);
    expect(read(`{"list":[{"a":"${big}"},"${big}"],"b":{}}`, 16)).toEqual([
      ['list', [{ a: big }, big]],
      ['b', {}],
    ]);
    expect(read(' {} ', 4)).toEqual([]);
    expect(read('{"list": [ ] ,"n":-1.5e3}', 2)).toEqual([
      ['list', []],
      ['n', -1500],
    ]);
  });

  it('refuses what is not one JSON object, saying at which byte', () => {
    expect(failure('')).toBe('expected { at byte 0');
    expect(failure('[1, 2]')).toBe('expected { at byte 0');
    expect(failure('{"a": 1')).toBe('expected , or } after a member at byte 7');
    expect(failure('{"a": 1 "b": 2}')).toBe('expected , or } after a member at byte 8');
    expect(failure('{"list": [1 2]}')).toBe('expected , or ] after an element at byte 12');
    expect(failure('{"a": {"b": [1, 2}}')).toMatch(/ at byte 6$/);
    expect(failure('{"list": [{"b": "x]}')).toBe('the file ends inside a value at byte 10');
    expect(failure('{"a": tru}')).toMatch(/ at byte 6$/);
    expect(failure('{"a": 1} {"b": 2}')).toBe('expected the end of the file after the object at byte 9');
    expect(failure('{a: 1}')).toBe('expected a member name at byte 1');
    expect(failure('{"a" 1}')).toBe('expected : at byte 5');
    expect(failure('{"skip": [1, 2}')).toMatch(/ at byte 9$/);
  });
});
