import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from 'crossfoot';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { makeCorpus, ROOT, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

const CACHE = 'node_modules/.cache/crossfoot';

/** Waits until files written now count as settled for the cache (it trusts no time taken within 2 s of a change). */
const settle = () => new Promise((r) => setTimeout(r, 2300));

function counts(stderr: string): { checked: number; reused: number } {
  const m = /缓存：检查了 (\d+) 个文件，(\d+) 个沿用上次结果|cache: (\d+) files checked, (\d+) reused/.exec(stderr);
  if (!m) throw new Error(`no cache line in: ${stderr}`);
  return { checked: Number(m[1] ?? m[3]), reused: Number(m[2] ?? m[4]) };
}

/**
 * A cached run with the cache's findings and its account of which report each kept rendering is, removed first
 * (recorded runs and the rendered reports stay): a run answered from its record still says it reused every report,
 * while a run that had to run checks every one again.
 */
async function withoutFindings(dir: string, args: string[]) {
  for (const name of readdirSync(join(dir, CACHE))) {
    if (/\.(?:entries|files)\.json$|^[0-9a-f]{16}\.json$|\.output\.[\w-]+\.json$/.test(name)) rmSync(join(dir, CACHE, name));
  }
  return runCli(args, dir);
}

describe('--cache answers an unchanged run from its record', () => {
  it('replays only while nothing the run looked at changed', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(3);
    const args = ['check', 'reports', '--cache', '--format', 'json'];
    const plain = async () => (await runCli(['check', 'reports', '--format', 'json'], dir)).stdout;
    await settle();
    const cold = await runCli([...args, '-o', 'first.json'], dir);
    expect(cold.code).toBe(1);
    expect(counts(cold.stderr)).toEqual({ checked: 7, reused: 0 });
    expect(readdirSync(join(dir, CACHE)).filter((n) => n.startsWith('replay-'))).toHaveLength(1);

    // Answered from the record: nothing is checked even with the findings gone, and the report is the same bytes,
    // written where this run asks, with the line naming that file.
    const warm = await withoutFindings(dir, [...args, '--output', 'second.json']);
    expect(warm.code).toBe(1);
    expect(counts(warm.stderr)).toEqual({ checked: 0, reused: 7 });
    expect(warm.stderr).toMatch(/报告已写入 second\.json\n$/);
    expect(readFileSync(join(dir, 'second.json'), 'utf8')).toBe(readFileSync(join(dir, 'first.json'), 'utf8'));
    expect(readFileSync(join(dir, 'second.json'), 'utf8')).toBe(await plain());
    // To stdout as well.
    const stdout = await withoutFindings(dir, args);
    expect(counts(stdout.stderr).checked).toBe(0);
    expect(stdout.stdout).toBe(await plain());

    // Other settings are another run.
    expect(counts((await withoutFindings(dir, [...args, '--locale', 'en'])).stderr).checked).toBe(7);

    // A report's bytes changed, its size and modification time put back: run in full, with the new figure.
    const report = join(dir, 'reports/bureau-001/2024.md');
    const text = readFileSync(report, 'utf8');
    expect(text).toContain('全年主动公开政府信息共1586条');
    writeFileSync(report, text.replace('全年主动公开政府信息共1586条', '全年主动公开政府信息共1590条'));
    utimesSync(report, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const edited = await withoutFindings(dir, args);
    expect(counts(edited.stderr).checked).toBe(7);
    expect(edited.stdout).toBe(await plain());
    expect(edited.stdout).not.toBe(stdout.stdout);
    // The edit is too recent to trust the file's times: that run was not recorded, and neither is this one.
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(7);
    await settle();
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(7);
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(0);

    // A report added in a new folder.
    mkdirSync(join(dir, 'reports/bureau-009'));
    writeFileSync(join(dir, 'reports/bureau-009/2024.md'), text);
    const added = await withoutFindings(dir, args);
    expect(counts(added.stderr)).toEqual({ checked: 8, reused: 0 });
    expect(added.stdout).toBe(await plain());
    await settle();
    await runCli(args, dir);

    // A file that is not a report, added beside them, changes nothing.
    writeFileSync(join(dir, 'reports/bureau-009/notes.json'), '{}');
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(0);

    // A report removed.
    rmSync(join(dir, 'reports/bureau-009/2024.md'));
    expect(counts((await withoutFindings(dir, args)).stderr)).toEqual({ checked: 7, reused: 0 });
    await settle();
    await runCli(args, dir);
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(0);

    // A config appearing where it would be found.
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'rules:\n  cn-gov-disclosure-common/repeated-phrase: off\n');
    const configured = await withoutFindings(dir, args);
    expect(counts(configured.stderr).checked).toBe(7);
    expect(configured.stdout).not.toMatch(/repeated-phrase/);
    rmSync(join(dir, 'crossfoot.config.yaml'));
    await settle();
    await runCli(args, dir);
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(0);

    // A pack folder added to the project's rules/.
    mkdirSync(join(dir, 'rules/local-pack'), { recursive: true });
    writeFileSync(join(dir, 'rules/local-pack/pack.yaml'), 'id: local-pack\nversion: 1.0.0\nrules: []\n');
    expect(counts((await withoutFindings(dir, args)).stderr).checked).toBe(7);
  });

  it('renders for a terminal in colour and to a file without, whichever was recorded', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(1);
    await settle();
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main(['check', 'reports', '--cache', ...args], {
        cwd: dir,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        isTTY: true,
        stderrIsTTY: false,
      });
      return { code, stdout, stderr };
    };
    await run(['-o', 'plain.txt']);
    const toFile = await run(['-o', 'again.txt']);
    expect(readFileSync(join(dir, 'again.txt'), 'utf8')).not.toMatch(/\x1b\[/);
    expect(toFile.stdout).toBe('');
    const terminal = await run([]);
    expect(terminal.stdout).toMatch(/\x1b\[/);
    expect(terminal.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(readFileSync(join(dir, 'plain.txt'), 'utf8'));
  });

  it('is answered by the command before the rest of it loads', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(2);
    await settle();
    const bin = join(ROOT, 'packages/cli/bin/crossfoot.cjs');
    const args = ['check', 'reports', '--cache', '--format', 'sarif'];
    const command = (extra: string[]) =>
      spawnSync(process.execPath, [bin, ...args, ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const cold = command(['-o', 'cold.sarif']);
    expect(cold.status, cold.stderr).toBe(1);
    // With the findings gone, only the record can answer without checking a report again.
    for (const name of readdirSync(join(dir, CACHE))) {
      if (/\.(?:entries|files)\.json$|^[0-9a-f]{16}\.json$|\.output\.[\w-]+\.json$/.test(name)) rmSync(join(dir, CACHE, name));
    }
    const warm = command(['-o', 'warm.sarif']);
    expect(warm.status).toBe(1);
    expect(counts(warm.stderr)).toEqual({ checked: 0, reused: counts(cold.stderr).checked });
    expect(counts(cold.stderr).checked).toBe(6);
    expect(warm.stderr).toMatch(/报告已写入 warm\.sarif\n$/);
    expect(readFileSync(join(dir, 'warm.sarif'), 'utf8')).toBe(readFileSync(join(dir, 'cold.sarif'), 'utf8'));
    // A command line it would refuse is left to the command, which says why.
    const bad = command(['--jobs', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--jobs/);
  });

  it('is not recorded for a run with plugins, which may read anything', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(1);
    writeFileSync(join(dir, 'plugin.mjs'), 'export const operators = { isOdd: (value) => typeof value === "number" && value % 2 === 1 };\n');
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'plugins:\n  - ./plugin.mjs\n');
    await settle();
    const args = ['check', 'reports', '--cache', '--format', 'json'];
    const first = await runCli(args, dir);
    expect(counts(first.stderr).checked).toBeGreaterThan(0);
    expect(readdirSync(join(dir, CACHE)).filter((n) => n.startsWith('replay-'))).toEqual([]);
  });
});
