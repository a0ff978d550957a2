import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { makeReports, ROOT, removeCorpora } from './corpus.ts';

afterAll(removeCorpora);

/**
 * The acceptance run of a batch: generated reports checked by the command in a terminal, the HTML report
 * opened in Chromium. 120 reports by default (worker threads on a machine of three cores or more, and a progress bar that moves);
 * `AUDIT_REPORTS=1000 npx vitest run tests/audit/terminal.test.ts` runs it at the size of a province.
 */
const REPORTS = Number(process.env.AUDIT_REPORTS ?? 120);
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'crossfoot.cjs');
const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT = 180_000 + REPORTS * 600;

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs a command in a pseudo-terminal (util-linux `script`): stdin, stdout and stderr are all a TTY. */
function inTerminal(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.NO_COLOR;
    execFile('script', ['-qec', args.map(quote).join(' '), '/dev/null'], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? -1) : 0, output: stdout });
    });
  });
}

interface JsonReport {
  files: { uri: string }[];
  diagnostics: { uri: string }[];
}

describe(`${REPORTS} generated reports checked in a terminal`, () => {
  const dir = makeReports(REPORTS);
  let run: { code: number; output: string };
  let json: JsonReport;

  beforeAll(async () => {
    run = await inTerminal([process.execPath, BIN, 'check', 'reports', '--format', 'html', '-o', 'audit.html'], dir);
    const plain = await runCli(['check', 'reports', '--format', 'json'], dir);
    expect(plain.code, plain.stderr).toBe(1);
    json = JSON.parse(plain.stdout);
  }, TIMEOUT);

  it('are all checked, with a progress bar that moves, counts to the end and is cleared before the summary', () => {
    expect(run.code, run.output).toBe(1);
    expect(json.files).toHaveLength(REPORTS);
    const frames = [...run.output.matchAll(/\r\x1b\[2K已检查 (\d+)\/(\d+) 份报告 · 每秒 [\d.]+ 份 · 约剩 ([\d:]+|–)/g)];
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames) expect(Number(f[2])).toBe(REPORTS);
    const done = frames.map((f) => Number(f[1]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBeLessThan(REPORTS);
    expect(done.at(-1)).toBe(REPORTS);
    // Reports with last year's report beside them are checked against it: a second bar.
    expect(run.output).toMatch(/与上年报告对照 (\d+)\/\1 份报告/);
    expect(run.output).toMatch(new RegExp(`\\r\\x1b\\[2K(\\r\\n)?共检查 ${REPORTS} 个文件：.*报告已写入 audit\\.html`));
  });

  it('give an HTML report that opens in Chromium and names every report, those with findings among them', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install chromium" (or tests/ensure-chromium.sh)`);
    const withFindings = new Set(json.diagnostics.map((d) => d.uri));
    expect(withFindings.size).toBeGreaterThan(REPORTS / 2);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(join(dir, 'audit.html')).href);
      await page.waitForLoadState('load');
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point
      const text = await page.evaluate(() => document.body.innerText);
      const rows = await page.$$eval('#report-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[0]?.getAttribute('data-sort') ?? ''));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(rows).toHaveLength(REPORTS);
      expect(rows.sort()).toEqual(json.files.map((f) => f.uri).sort());
      const missing = [...withFindings].filter((uri) => !text.includes(uri));
      expect(missing).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
