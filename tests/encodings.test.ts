import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = 'packages/adapters/test/fixtures/encodings';

async function findings(file: string): Promise<string[]> {
  const { stdout } = await runCli(['check', `${dir}/${file}`, '--pack', 'cn-gov-disclosure-common', '--format', 'json'], root);
  return (JSON.parse(stdout).diagnostics as { ruleId: string; range: { start: { line: number; column: number } } }[]).map(
    (d) => `${d.ruleId}@${d.range.start.line}:${d.range.start.column}`,
  );
}

describe('reports in other encodings', () => {
  it.each(['seed-20.gbk.txt', 'seed-20.utf16le.txt', 'seed-20.utf16be.txt', 'seed-20.utf8-bom.txt'])(
    '%s gives the findings of the UTF-8 text',
    async (file) => {
      const expected = await findings('seed-20.utf8.txt');
      expect(expected).toContain('cn-gov-disclosure-common/statement-sums@10:19');
      expect(await findings(file)).toEqual(expected);
    },
  );

  it('a binary file is one located error on that file, and the run goes on', async () => {
    const { code, stdout } = await runCli(
      ['check', `${dir}/random.bin`, `${dir}/seed-20.utf8.txt`, '--pack', 'cn-gov-disclosure-common', '--format', 'json'],
      root,
    );
    expect(code).toBe(1);
    const diagnostics = JSON.parse(stdout).diagnostics as { uri: string; ruleId: string; range: { start: { line: number } } }[];
    expect(diagnostics.filter((d) => d.uri.endsWith('random.bin')).map((d) => [d.ruleId, d.range.start.line])).toEqual([['crossfoot/decode', 1]]);
    expect(diagnostics.some((d) => d.uri.endsWith('seed-20.utf8.txt'))).toBe(true);
  });
});
