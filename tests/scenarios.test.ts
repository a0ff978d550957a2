import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli.ts';

/**
 * End-to-end scenarios kept as data: files to lay out, a command, the exit status and what the
 * output must (and must not) contain. One YAML file per scenario under tests/scenarios/.
 */
interface Expectation {
  contains?: string[];
  matches?: string[];
  'not-matches'?: string[];
}
interface Scenario {
  name: string;
  copy?: string[];
  files?: Record<string, string>;
  bytes?: Record<string, number[]>;
  run: string[];
  exit: number;
  stdout?: Expectation;
  stderr?: Expectation;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function check(text: string, e: Expectation | undefined, what: string): void {
  for (const s of e?.contains ?? []) expect(text, `${what} should contain ${s}`).toContain(s);
  for (const r of e?.matches ?? []) expect(text, `${what} should match ${r}`).toMatch(new RegExp(r, 'mu'));
  for (const r of e?.['not-matches'] ?? []) expect(text, `${what} should not match ${r}`).not.toMatch(new RegExp(r, 'mu'));
}

const files = readdirSync(join(here, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('scenarios', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(5));
  for (const file of files) {
    const scenario = parse(readFileSync(join(here, 'scenarios', file), 'utf8')) as Scenario;
    it(`${file}: ${scenario.name}`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'crossfoot-scenario-'));
      dirs.push(cwd);
      for (const c of scenario.copy ?? []) cpSync(join(root, c), join(cwd, c), { recursive: true });
      for (const [name, content] of Object.entries(scenario.files ?? {})) {
        mkdirSync(dirname(join(cwd, name)), { recursive: true });
        writeFileSync(join(cwd, name), content);
      }
      for (const [name, bytes] of Object.entries(scenario.bytes ?? {})) writeFileSync(join(cwd, name), Uint8Array.from(bytes));
      const result = await runCli(scenario.run, cwd);
      expect(result.code, `exit status; stderr: ${result.stderr}`).toBe(scenario.exit);
      check(result.stdout, scenario.stdout, 'stdout');
      check(result.stderr, scenario.stderr, 'stderr');
      // Never a stack trace, whatever happened.
      expect(result.stderr).not.toMatch(/^\s+at .*\.(js|ts|mjs):\d+/mu);
    });
  }
});
