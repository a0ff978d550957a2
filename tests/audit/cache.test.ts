import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora, tempDir } from './corpus.ts';

afterAll(removeCorpora);

/** The cache's own account of a run: how many reports it checked and how many it took from the cache. */
function counts(stderr: string): { checked: number; reused: number } {
  const m = /缓存：检查了 (\d+) 个文件，(\d+) 个沿用上次结果|cache: (\d+) files checked, (\d+) reused/.exec(stderr);
  if (!m) throw new Error(`no cache line in: ${stderr}`);
  return { checked: Number(m[1] ?? m[3]), reused: Number(m[2] ?? m[4]) };
}

function edit(dir: string, uri: string, from: string, to: string): void {
  const path = join(dir, uri);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('--cache', () => {
  it('gives the same report from the cache and checks again only what changed', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(6);
    const check = (...extra: string[]) => runCli(['check', 'reports', '--cache', '--format', 'json', ...extra], dir);
    const cold = await check();
    expect(cold.code, cold.stderr).toBe(1);
    expect(counts(cold.stderr)).toEqual({ checked: 14, reused: 0 });
    expect(existsSync(join(dir, 'node_modules/.cache/crossfoot'))).toBe(true);

    const warm = await check();
    expect(counts(warm.stderr)).toEqual({ checked: 0, reused: 14 });
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(1);

    // Another format renders from the cached findings without checking anything.
    const html = await runCli(['check', 'reports', '--cache', '--format', 'html'], dir);
    expect(counts(html.stderr)).toEqual({ checked: 0, reused: 14 });
    expect(html.stdout).toBe((await runCli(['check', 'reports', '--format', 'html'], dir)).stdout);

    // A 2024 report: only it.
    edit(dir, 'reports/bureau-001/2024.md', '全年主动公开政府信息共1586条', '全年主动公开政府信息共1590条');
    const one = await check();
    expect(counts(one.stderr)).toEqual({ checked: 1, reused: 13 });
    expect(one.stdout).toBe((await runCli(['check', 'reports', '--format', 'json'], dir)).stdout);

    // A 2023 report: it and the 2024 report compared with it.
    edit(dir, 'reports/bureau-001/2023.md', '结转下年度继续办理2件', '结转下年度继续办理3件');
    const two = await check();
    expect(counts(two.stderr)).toEqual({ checked: 2, reused: 12 });
    expect(two.stdout).toBe((await runCli(['check', 'reports', '--format', 'json'], dir)).stdout);
    expect(two.stdout).not.toBe(one.stdout);

    // Removing last year's report re-checks the report that was compared with it.
    rmSync(join(dir, 'reports/bureau-000/2023.md'));
    const gone = await check();
    expect(counts(gone.stderr)).toEqual({ checked: 1, reused: 12 });
    expect(gone.stdout).toBe((await runCli(['check', 'reports', '--format', 'json'], dir)).stdout);

    // Settings change every finding: locale, config.
    expect(counts((await check('--locale', 'en')).stderr)).toEqual({ checked: 13, reused: 0 });
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'rules:\n  cn-gov-disclosure-common/repeated-phrase: off\n');
    const configured = await check();
    expect(counts(configured.stderr)).toEqual({ checked: 13, reused: 0 });
    expect(configured.stdout).not.toMatch(/repeated-phrase/);
    expect(counts((await check()).stderr)).toEqual({ checked: 0, reused: 13 });
  });

  it('keeps each report’s findings in a file of their own, and checks a report again if its file is lost or altered', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(2);
    const check = () => runCli(['check', 'reports', '--cache', '--format', 'json'], dir);
    const cold = await check();
    const cacheDir = join(dir, 'node_modules/.cache/crossfoot');
    const [folder] = readdirSync(cacheDir).filter((f) => f.endsWith('.findings'));
    const files = readdirSync(join(cacheDir, folder as string)).sort();
    expect(files).toHaveLength(counts(cold.stderr).checked);
    // The entries hold no findings: only hashes, issuers, years and what the findings were computed against.
    const [entries] = readdirSync(cacheDir).filter((f) => f.endsWith('.entries.json'));
    expect(readFileSync(join(cacheDir, entries as string), 'utf8')).not.toMatch(/"diagnostics"/);
    const html = () => runCli(['check', 'reports', '--cache', '--format', 'html'], dir);
    rmSync(join(cacheDir, folder as string, files[0] as string));
    const stored = JSON.parse(readFileSync(join(cacheDir, folder as string, files[1] as string), 'utf8'));
    writeFileSync(join(cacheDir, folder as string, files[1] as string), JSON.stringify({ ...stored, hash: 'not these bytes' }));
    const again = await html();
    expect(counts(again.stderr)).toEqual({ checked: 2, reused: files.length - 2 });
    expect(again.stdout).toBe((await runCli(['check', 'reports', '--format', 'html'], dir)).stdout);
    expect(readdirSync(join(cacheDir, folder as string)).sort()).toEqual(files);
  });

  it('reads a report again when its bytes change, even with its size and modification time put back', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(2);
    const check = () => runCli(['check', 'reports', '--cache', '--format', 'json'], dir);
    // Files written the moment before are always read; these have settled, so only their size and times can tell.
    await new Promise((r) => setTimeout(r, 2500));
    expect(counts((await check()).stderr).reused).toBe(0);
    expect(counts((await check()).stderr).checked).toBe(0);
    // Each report's size, times and hash are kept, so that a re-run need not read unchanged reports.
    const [files] = readdirSync(join(dir, 'node_modules/.cache/crossfoot')).filter((f) => f.endsWith('.files.json'));
    const known = JSON.parse(readFileSync(join(dir, 'node_modules/.cache/crossfoot', files as string), 'utf8')).files;
    expect(Object.keys(known).sort()).toEqual(
      readdirSync(join(dir, 'reports'), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(md|txt)$/.test(f))
        .map((f) => `reports/${f}`)
        .sort(),
    );
    expect(Object.keys(known)).toContain('reports/bureau-001/2024.md');

    // Same length, same modification time: only the change time (which no one can set) tells.
    const path = join(dir, 'reports/bureau-001/2024.md');
    const before = statSync(path);
    edit(dir, 'reports/bureau-001/2024.md', '全年主动公开政府信息共1586条', '全年主动公开政府信息共1590条');
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).size).toBe(before.size);
    const edited = await check();
    expect(counts(edited.stderr)).toEqual({ checked: 1, reused: Object.keys(known).length - 1 });
    expect(edited.stdout).toBe((await runCli(['check', 'reports', '--format', 'json'], dir)).stdout);

    // A re-run answered from the cache writes the same file as the run that rendered it.
    const written = () => runCli(['check', 'reports', '--cache', '--format', 'sarif', '-o', 'out.sarif'], dir);
    await written();
    const first = readFileSync(join(dir, 'out.sarif'), 'utf8');
    rmSync(join(dir, 'out.sarif'));
    expect(counts((await written()).stderr)).toEqual({ checked: 0, reused: Object.keys(known).length });
    expect(readFileSync(join(dir, 'out.sarif'), 'utf8')).toBe(first);
    expect(first).toBe((await runCli(['check', 'reports', '--format', 'sarif'], dir)).stdout);
  });

  it('keeps its files where --cache=<dir> says, and a project pack added re-checks everything', { timeout: 300_000 }, async () => {
    const dir = makeCorpus(3);
    const check = () => runCli(['check', 'reports', '--cache=.crossfoot-cache', '--format', 'json'], dir);
    expect(counts((await check()).stderr)).toEqual({ checked: 7, reused: 0 });
    expect(readdirSync(join(dir, '.crossfoot-cache')).length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(counts((await check()).stderr)).toEqual({ checked: 0, reused: 7 });
    const packDir = join(dir, 'rules', 'local-pack');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(packDir, { recursive: true });
    writeFileSync(join(packDir, 'pack.yaml'), 'id: local-pack\nversion: 1.0.0\nrules: []\n');
    expect(counts((await check()).stderr)).toEqual({ checked: 7, reused: 0 });
    writeFileSync(join(packDir, 'pack.yaml'), 'id: local-pack\nversion: 1.0.1\nrules: []\n');
    expect(counts((await check()).stderr)).toEqual({ checked: 7, reused: 0 });
  });

  it('is refused with an empty folder name', async () => {
    const dir = tempDir();
    const run = await runCli(['check', '.', '--cache='], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cache= needs a folder/);
  });
});
