import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/bin/crossfoot.cjs');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
function hashes(dir: string, skip: (path: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files(dir)) if (!skip(f)) out[relative(dir, f)] = `${createHash('sha256').update(readFileSync(f)).digest('hex')} ${statSync(f).mtimeMs}`;
  return out;
}

/** Every format crossfoot reads: Markdown, text, HTML and YAML reports, PDF and Word files. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossfoot-inputs-'));
  cpSync(join(root, 'examples'), join(dir, 'reports'), { recursive: true });
  const published = join(root, 'packages/adapters/test/fixtures/published');
  for (const f of ['report-2023.pdf', 'report-2023.docx', 'report-2023.html']) cpSync(join(published, f), join(dir, 'reports', 'published', f));
  return dir;
}

describe('input files are never modified', () => {
  it('by check in every format, with and without the cache, nor by inspect and import', { timeout: 240_000 }, async () => {
    const dir = corpus();
    const isOutput = (p: string) => p.includes(`${join(dir, 'out')}`) || p.includes('node_modules');
    const before = hashes(dir, isOutput);
    for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'csv']) {
      await runCli(['check', 'reports', '--format', format, '-o', `out/report.${format}`], dir);
    }
    await runCli(['check', 'reports', '--cache', '--format', 'json', '-o', 'out/cached.json'], dir);
    await runCli(['check', 'reports', '--cache', '--format', 'json', '-o', 'out/cached.json'], dir);
    await runCli(['inspect', 'reports/huaning-2018.txt', '--json'], dir);
    await runCli(['import', 'reports/published/report-2023.docx', '-o', 'out/imported.md'], dir);
    expect(hashes(dir, isOutput)).toEqual(before);
  });
});

describe('outputs are written whole, then renamed', () => {
  it('-o replaces the file by rename: a hard link to the old file keeps the old content, and no temporary file is left', async () => {
    const dir = corpus();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'report.json'), 'old');
    linkSync(join(dir, 'out', 'report.json'), join(dir, 'old.json'));
    const r = await runCli(['check', 'reports/jiangzhou-transport', '--format', 'json', '-o', 'out/report.json'], dir);
    expect(r.code).toBeLessThan(2);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))).toBeTruthy();
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('old');
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
  });

  it('an output that cannot be written is a clear error (exit 2) and leaves nothing behind', async () => {
    const dir = corpus();
    mkdirSync(join(dir, 'out', 'report.json'), { recursive: true });
    const r = await runCli(['check', 'reports/jiangzhou-transport', '--format', 'json', '-o', 'out/report.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^crossfoot: cannot write .*report\.json/m);
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
  });
});

describe('import', () => {
  it('refuses to overwrite a file without --force, and replaces it with --force', async () => {
    const dir = corpus();
    writeFileSync(join(dir, 'mine.md'), 'my own notes\n');
    const refused = await runCli(['import', 'reports/jiangzhou-transport/formats/2023.html', '-o', 'mine.md'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mine.md already exists; use --force to replace it');
    expect(readFileSync(join(dir, 'mine.md'), 'utf8')).toBe('my own notes\n');
    const forced = await runCli(['import', 'reports/jiangzhou-transport/formats/2023.html', '-o', 'mine.md', '--force'], dir);
    expect(forced.code).toBeLessThan(2);
    expect(readFileSync(join(dir, 'mine.md'), 'utf8')).toMatch(/^---\n/);
  });

  it('never writes over the report it imports, even with --force', async () => {
    const dir = corpus();
    const report = 'reports/jiangzhou-transport/2023.md';
    const before = readFileSync(join(dir, report));
    const r = await runCli(['import', report, '-o', report, '--force'], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, report))).toEqual(before);
  });
});

describe('an interrupted batch', () => {
  it('SIGINT to a running check -o out.json: exit 130, no output file, no temporary file', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossfoot-sigint-'));
    const report = readFileSync(join(root, 'examples/jiangzhou-transport/2023.md'), 'utf8');
    mkdirSync(join(dir, 'big'));
    for (let i = 0; i < 600; i++) writeFileSync(join(dir, 'big', `r${String(i).padStart(3, '0')}.md`), report.replace('江州市', `江州市${i}号`));
    // Its own temporary folder, to see the batch start (it keeps read documents in a folder there) and clean up.
    const temp = mkdtempSync(join(tmpdir(), 'crossfoot-sigint-tmp-'));
    const batchFolders = () => readdirSync(temp).filter((f) => f.startsWith('crossfoot-batch-'));
    const child = spawn(process.execPath, [bin, 'check', 'big', '-o', 'out.json', '--format', 'json', '--jobs', '2'], {
      cwd: dir,
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: temp },
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let done = false;
    exited.then(() => {
      done = true;
    });
    // Wait until the batch is under way (however fast or slow the machine), then a moment into the reports.
    while (!done && batchFolders().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(batchFolders()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
