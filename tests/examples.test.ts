import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('examples/', () => {
  it('gives exactly the reviewed findings', async () => {
    const { code, stdout } = await runCli(['check', 'examples', '--format', 'json', '--locale', 'en'], root);
    expect(code).toBe(1);
    const found = (
      JSON.parse(stdout).diagnostics as { uri: string; range: { start: { line: number; column: number } }; severity: string; ruleId: string; message: string }[]
    ).map((d) => `${d.uri}:${d.range.start.line}:${d.range.start.column}  ${d.severity}  ${d.ruleId}  ${d.message}`);
    const reviewed = readFileSync(join(root, 'tests/expected/examples-findings.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(found).toEqual(reviewed);
  });
});
