import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const formats = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'];

describe('check examples', () => {
  it('writes SARIF 2.1.0 that validates against the official schema, with a region and operands for every result', async () => {
    const { code, stdout } = await runCli(['check', 'examples', '--format', 'sarif'], root);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(join(root, 'packages/formatters/test/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    expect(ajv.validate(schema, log), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    const sum = results.find(
      (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.ruleId === 'cn-gov-disclosure-common/statement-sums' && r.locations[0].physicalLocation.region.startLine === 10,
    );
    expect(sum.locations[0].physicalLocation.artifactLocation.uri).toBe('examples/huaning-2018.txt');
    expect(sum.locations[0].physicalLocation.region).toMatchObject({ startLine: 10, startColumn: 19, endLine: 10 });
    expect(sum.relatedLocations).toHaveLength(4);
    const ruleIds = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toContain('cn-gov-disclosure-common/statement-sums');
    expect(log.runs[0].tool.driver.rules[0].helpUri).toMatch(/^https:\/\//);
  });

  it.each(formats)('gives byte-identical %s output on two identical runs', async (format) => {
    const a = await runCli(['check', 'examples', '--format', format], root);
    const b = await runCli(['check', 'examples', '--format', format], root);
    expect(a.code).toBe(1);
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(b.stdout).toBe(a.stdout);
  });

  it('speaks English with --locale en', async () => {
    const { stdout } = await runCli(['check', 'examples/huaning-2018.txt', '--locale', 'en', '--format', 'json'], root);
    expect(stdout).toContain('but its parts add up to 322 (53 + 48 + 207 + 14), 2 more');
  });

  it('exits 0 under --max-warnings when only warnings remain, 1 when they exceed it', async () => {
    const only = ['check', 'examples/huaning-2018.txt', '--config', 'tests/fixtures/warnings-only.yaml'];
    expect((await runCli(only, root)).code).toBe(0);
    expect((await runCli([...only, '--max-warnings', '0'], root)).code).toBe(1);
  });
});

describe('inspect', () => {
  it('prints the document model with each row’s path', async () => {
    const { code, stdout } = await runCli(['inspect', 'examples/huaning-2018.txt', '--json'], root);
    expect(code).toBe(0);
    const model = JSON.parse(stdout);
    const rows = model.tables[0].rows as { label: string; path: string[] }[];
    expect(rows.find((r) => r.label === '1.当面申请数')?.path).toEqual(['三、依申请公开情况', '(一)收到申请数']);
    expect(model.meta.period.value).toEqual({ start: '2018-01-01', end: '2018-12-30' });
  });
});
