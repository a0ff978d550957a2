import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ADAPTER_OPTIONS } from '../../core/scripts/compile-schemas.mjs';
import { judged, type Validate } from '../../core/test/helpers.ts';
import frontMatterJson from '../schemas/front-matter.schema.json' with { type: 'json' };
import reportJson from '../schemas/report.schema.json' with { type: 'json' };
import * as precompiled from '../src/schema-validators.generated.ts';

// The front matter and YAML report validators are compiled ahead of time (core's scripts/compile-schemas.mjs, whose
// `--check` the core's test runs for every generated file). They must judge exactly as ajv compiling the published
// schemas at run time with the readers' options.

const ajv = new Ajv(ADAPTER_OPTIONS);

const frontMatters: unknown[] = [
  { title: '某局2024年报告', issuer: '某局', period: { start: '2024-01-01', end: '2024-12-31' }, published: '2025-01-20', packs: ['a'], year: 2024 },
  { title: '', issuer: 3, period: '2024-01-01/2024-12-31', published: '2025-1-2', packs: [''], year: 24 },
  { period: { start: '2024-01-01' }, extra: true },
  [],
  'front matter',
  null,
];
const reports: unknown[] = [
  { meta: { title: 'x', year: 2024 }, sections: [{ title: '一、总体情况', text: '全年主动公开100条。' }], tables: [] },
  { meta: { period: 'bad' }, sections: 'none', tables: [{ columns: [1], rows: {} }] },
  { other: true },
  null,
];

describe('the report readers’ validators compiled ahead of time', () => {
  for (const [name, ahead, schema, samples] of [
    ['front matter', precompiled.frontMatter, frontMatterJson, frontMatters],
    ['YAML report', precompiled.report, reportJson, reports],
  ] as const) {
    it(`judge ${name} exactly as the validator compiled at run time`, () => {
      const atRunTime = ajv.compile(schema) as Validate;
      for (const data of samples) expect(judged(ahead as Validate, data)).toEqual(judged(atRunTime, data));
      expect(samples.some((data) => !(ahead as Validate)(data))).toBe(true);
      expect(samples.some((data) => (ahead as Validate)(data))).toBe(true);
    });
  }
});
