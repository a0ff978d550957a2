import { readFileSync } from 'node:fs';
import type { Diagnostic } from '@crossfoot/core';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { sarif } from '../src/index.ts';
import { FINGERPRINT_KEY, toUriReference } from '../src/sarif.ts';
import { CLEAN_URI, DATES, DECODE, dateFinding, REPORT_TEXT, REPORT_URI, rules, SUMS, sampleInput, sumFinding, zh } from './fixtures.ts';

const schema = JSON.parse(readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

const parse = (text: string) => JSON.parse(text) as Sarif.Log;
const run = (log: Sarif.Log) => log.runs[0] as Sarif.Run;
const results = (log: Sarif.Log) => run(log).results ?? [];
const region = (r: Sarif.Result) => r.locations?.[0]?.physicalLocation?.region;
const fingerprint = (r: Sarif.Result) => r.partialFingerprints?.[FINGERPRINT_KEY];

describe('sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = parse(sarif(sampleInput(), zh));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check catches an invalid log', () => {
    const log = parse(sarif(sampleInput(), zh));
    (results(log)[0] as { level: string }).level = 'info';
    expect(validate(log)).toBe(false);
  });

  it('validates with no findings and no files', () => {
    const log = parse(sarif({ diagnostics: [], rules: [], files: [] }, zh));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(results(log)).toEqual([]);
  });

  it('has one run from crossfoot with UTF-16 columns', () => {
    const log = parse(sarif(sampleInput(), zh));
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run(log).columnKind).toBe('utf16CodeUnits');
    expect(run(log).tool.driver).toMatchObject({ name: 'crossfoot', version: '0.1.0' });
    expect(run(log).tool.driver.informationUri).toMatch(/^https:\/\//);
  });

  it('lists every rule, plus ids seen only in diagnostics, sorted, with localised descriptions', () => {
    const driver = run(parse(sarif(sampleInput(), zh))).tool.driver;
    const ids = driver.rules?.map((r) => r.id);
    expect(ids).toEqual([...rules.map((r) => r.id), DECODE].sort());
    const sums = driver.rules?.find((r) => r.id === SUMS);
    expect(sums?.shortDescription?.text).toBe('叙述中的合计应等于各分项之和');
    expect(sums?.helpUri).toBe(sumFinding.url);
    expect(sums?.defaultConfiguration?.level).toBe('error');
    const en = run(parse(sarif(sampleInput(), { ...zh, locale: 'en' }))).tool.driver;
    expect(en.rules?.find((r) => r.id === SUMS)?.shortDescription?.text).toBe('A stated total equals the sum of its parts');
  });

  it('points each result at its rule by index and maps severities to levels', () => {
    const log = parse(sarif(sampleInput(), zh));
    const driverRules = run(log).tool.driver.rules ?? [];
    for (const r of results(log)) expect(driverRules[r.ruleIndex as number]?.id).toBe(r.ruleId);
    const level = (id: string) => results(log).find((r) => r.ruleId === id)?.level;
    expect(level(SUMS)).toBe('error');
    expect(level(DATES)).toBe('warning');
    expect(level(DECODE)).toBe('note');
  });

  it('copies region columns from the input, counting UTF-16 code units after an astral character', () => {
    const log = parse(sarif(sampleInput(), zh));
    const sum = results(log).find((r) => r.ruleId === SUMS) as Sarif.Result;
    expect(region(sum)).toEqual({
      startLine: sumFinding.range.start.line,
      startColumn: sumFinding.range.start.column,
      endLine: sumFinding.range.end.line,
      endColumn: sumFinding.range.end.column,
    });
    const date = results(log).find((r) => r.ruleId === DATES) as Sarif.Result;
    // 申请人王𠮷于2018年3月5日提出申请，答复日期为 is 25 code points but 26 UTF-16 code units.
    expect(region(date)).toEqual({ startLine: 9, startColumn: 27, endLine: 9, endColumn: 36 });
    expect(region(date)?.startColumn).toBe(dateFinding.range.start.column);
  });

  it('has exactly one primary location with a relative uri, and related locations for the operands', () => {
    const log = parse(sarif(sampleInput(), zh));
    const sum = results(log).find((r) => r.ruleId === SUMS) as Sarif.Result;
    expect(sum.locations).toHaveLength(1);
    const uri = sum.locations?.[0]?.physicalLocation?.artifactLocation?.uri as string;
    expect(decodeURIComponent(uri)).toBe(REPORT_URI);
    expect(uri).not.toMatch(/^\/|^[a-z]+:/i);
    expect(sum.message.text).toBe('合计 320 与分项之和 322 不一致（53 + 48 + 207 + 14）');
    expect(sum.relatedLocations?.map((l) => l.message?.text)).toEqual(['机构职能类 = 53', '政策法规类 = 48', '工作动态类 = 207', '人事信息类 = 14']);
    expect(new Set(sum.relatedLocations?.map((l) => l.id)).size).toBe(4);
    expect(sum.relatedLocations?.[0]?.physicalLocation?.region).toMatchObject({ startLine: 5, startColumn: 31, endColumn: 33 });
  });

  it('carries expected, actual and the arithmetic in properties', () => {
    const sum = results(parse(sarif(sampleInput(), zh))).find((r) => r.ruleId === SUMS) as Sarif.Result;
    expect(sum.properties).toMatchObject({
      expected: '322',
      actual: '320',
      arithmetic: { expression: '53 + 48 + 207 + 14 = 322', difference: '-2', precision: 'exact' },
    });
    const date = results(parse(sarif(sampleInput(), zh))).find((r) => r.ruleId === DATES) as Sarif.Result;
    expect(date.properties).toBeUndefined();
  });

  it('lists every checked file as an artifact, clean ones too', () => {
    const artifacts = run(parse(sarif(sampleInput(), zh))).artifacts ?? [];
    expect(artifacts.map((a) => decodeURIComponent(a.location?.uri as string))).toEqual([REPORT_URI, CLEAN_URI]);
  });

  it('writes uris with forward slashes, percent-encoded', () => {
    expect(toUriReference('reports\\2018\\年报 final#1.md')).toBe('reports/2018/%E5%B9%B4%E6%8A%A5%20final%231.md');
    expect(toUriReference('./a/b.md')).toBe('a/b.md');
  });

  describe('partialFingerprints', () => {
    const shift = (d: Diagnostic, n: number): Diagnostic => {
      const move = (r: Diagnostic['range']) => ({
        start: { line: r.start.line + n, column: r.start.column },
        end: { line: r.end.line + n, column: r.end.column },
      });
      return { ...d, range: move(d.range), related: d.related.map((x) => ({ ...x, range: move(x.range) })) };
    };

    it('survive the flagged line moving', () => {
      const before = results(parse(sarif({ diagnostics: [sumFinding], rules, files: [{ uri: REPORT_URI, text: REPORT_TEXT }] }, zh)));
      const moved = `新增的一行说明。\n\n${REPORT_TEXT}`;
      const after = results(parse(sarif({ diagnostics: [shift(sumFinding, 2)], rules, files: [{ uri: REPORT_URI, text: moved }] }, zh)));
      expect(region(after[0] as Sarif.Result)?.startLine).toBe(7);
      expect(fingerprint(after[0] as Sarif.Result)).toBe(fingerprint(before[0] as Sarif.Result));
      expect(fingerprint(before[0] as Sarif.Result)).toMatch(/^[0-9a-f]{16}$/);
    });

    it('change when the flagged line changes', () => {
      const before = results(parse(sarif({ diagnostics: [sumFinding], rules, files: [{ uri: REPORT_URI, text: REPORT_TEXT }] }, zh)));
      const edited = REPORT_TEXT.replace('人事信息类14条', '人事信息类16条');
      const after = results(parse(sarif({ diagnostics: [sumFinding], rules, files: [{ uri: REPORT_URI, text: edited }] }, zh)));
      expect(fingerprint(after[0] as Sarif.Result)).not.toBe(fingerprint(before[0] as Sarif.Result));
    });

    it('tell apart repeated findings on identical lines by occurrence', () => {
      const text = '合计共10条。\n合计共10条。\n';
      const at = (line: number): Diagnostic => ({
        ...sumFinding,
        related: [],
        range: { start: { line, column: 4 }, end: { line, column: 6 } },
      });
      const rs = results(parse(sarif({ diagnostics: [at(2), at(1)], rules, files: [{ uri: REPORT_URI, text }] }, zh)));
      expect(rs).toHaveLength(2);
      expect(fingerprint(rs[0] as Sarif.Result)).not.toBe(fingerprint(rs[1] as Sarif.Result));
    });
  });
});
