import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import configSchema from '../schemas/crossfoot.config.schema.json' with { type: 'json' };
import packSchema from '../schemas/crossfoot.pack.schema.json' with { type: 'json' };
import { OPTIONS } from '../scripts/compile-schemas.mjs';
import * as precompiled from '../src/schema-validators.generated.ts';
import { judged, type Validate } from './helpers.ts';

// The pack and config validators are compiled ahead of time (scripts/compile-schemas.mjs). They must be what the
// schemas give, and judge exactly as the validators ajv compiles at run time.

const script = fileURLToPath(new URL('../scripts/compile-schemas.mjs', import.meta.url));
const ajv = new Ajv(OPTIONS);
ajv.addSchema(packSchema);
ajv.addSchema(configSchema);
const pairs: [string, Validate, Validate][] = [
  ['pack', precompiled.pack as Validate, ajv.getSchema(packSchema.$id) as Validate],
  ['rule', precompiled.packRule as Validate, ajv.getSchema(`${packSchema.$id}#/definitions/rule`) as Validate],
  ['config', precompiled.config as Validate, ajv.getSchema(configSchema.$id) as Validate],
];
const samples: unknown[] = [
  { id: 'demo', version: '1.0.0', rules: [{ id: 'a', check: { sum: { table: 'T1' } } }] },
  { id: 'Demo', version: '1', locales: ['zh-CN', 'zh-CN'], rules: [{ id: 'a', check: { sum: {}, compare: { relation: '' } } }] },
  { id: 'demo', version: '1.0.0', recognize: { title: '', text: 3 }, tables: { T1: {} }, facts: { f: { unit: 'x' } } },
  { id: 'a', check: { 'date-in-period': { 'min-precision': 'week', 'allow-after': -1, context: '' } } },
  { id: 'a', check: { 'text-pattern': { pattern: '😀', 'repeated-phrase': { min: 0 } } }, extra: true },
  { packs: ['a', 3], rules: { 'a/b': 'loud', bad: 'off' }, limits: { 'table-rows': 1.5, 'seconds-per-file': 0, other: 1 } },
  { locale: 'fr', include: 'x', plugins: [null] },
  [],
  'pack',
  null,
];

describe('the validators compiled ahead of time', () => {
  it('are what the schemas give (else: node packages/core/scripts/compile-schemas.mjs)', () => {
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  for (const [name, ahead, atRunTime] of pairs) {
    it(`judge ${name}s exactly as the validator compiled at run time`, () => {
      for (const data of samples) expect(judged(ahead, data)).toEqual(judged(atRunTime, data));
      expect(samples.some((data) => !ahead(data))).toBe(true);
    });
  }
});
