#!/usr/bin/env node
// PDF reading benchmark (not a test): `node packages/adapters/bench/pdf-read.mjs [rounds] [--pdf file.pdf]`, default
// 5 rounds on a 40-page report.
//
// Without --pdf, prints a 40-page PDF the way the fixtures are printed (test/fixtures/published/make.mjs): the
// 2021-format report of report-2023.html eight times over, each copy from a new page (5 pages each), with the
// running header and `- n -` page numbers, by headless Chromium (/usr/bin/chromium, or CHROMIUM=…). Then measures:
//   - readPdf in this process (the TypeScript sources through tsx), after a first read: the best and median of the
//     rounds, their CPU time, and how much of a read the plain-text adapter takes (parseText on the
//     laid-out text);
//   - `crossfoot inspect <file> --json` as users run it, from the bundle, in a new process each time: Node's start,
//     loading the command and pdf.js, reading and writing the JSON.
// Prints a Markdown table; packages/adapters/README.md quotes the figures ("PDF reading time").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const adapters = fileURLToPath(new URL('..', import.meta.url));
const root = join(adapters, '..', '..');
const published = join(adapters, 'test', 'fixtures', 'published');

const { values, positionals } = parseArgs({ options: { pdf: { type: 'string' } }, allowPositionals: true });
const ROUNDS = Number(positionals[0] ?? 5);
const COPIES = 8;

/** The adapters' TypeScript sources, run through tsx (a dependency of the command line). */
async function loadAdapters() {
  // Resolved from the command line's package, as an ES module (its `import` export).
  const tsx = dirname(createRequire(join(root, 'packages', 'cli', 'package.json')).resolve('tsx/package.json'));
  const api = JSON.parse(readFileSync(join(tsx, 'package.json'), 'utf8')).exports['./esm/api'].import.default;
  const { register } = await import(pathToFileURL(join(tsx, api)).href);
  register();
  return import(pathToFileURL(join(adapters, 'src', 'index.ts')).href);
}

/** The fixture report printed eight times over in one document: 40 pages. */
async function printLongReport(file) {
  const { chromium } = await import('playwright-core');
  const html = readFileSync(join(published, 'report-2023.html'), 'utf8');
  const start = html.indexOf('<body>') + '<body>'.length;
  const end = html.indexOf('</body>');
  const copies = Array.from({ length: COPIES }, (_, i) => `<div style="${i ? 'break-before: page' : ''}">${html.slice(start, end)}</div>`);
  const long = `${html.slice(0, start)}${copies.join('\n')}${html.slice(end)}`;
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(long, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="width:100%;font-family:'WenQuanYi Micro Hei';font-size:9pt;text-align:center;margin:0 26mm 0 28mm;border-bottom:0.5pt solid #000;padding-bottom:2pt">${title}</div>`,
      footerTemplate: `<div style="width:100%;font-family:'Liberation Serif';font-size:12pt;text-align:center">- <span class="pageNumber"></span> -</div>`,
    });
    writeFileSync(file, pdf);
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => `${Math.round(x)} ms`;

const work = mkdtempSync(join(tmpdir(), 'crossfoot-pdf-bench-'));
try {
  const file = values.pdf ?? join(work, 'report-40.pdf');
  if (!values.pdf) await printLongReport(file);
  const bytes = new Uint8Array(readFileSync(file));
  const { readPdf, parseText } = await loadAdapters();

  // An untimed first read: loading pdf.js through tsx (which compiles it) says nothing of the command's start.
  const first = await readPdf('report.pdf', bytes);
  const pages = (first.text.match(/\f/g) ?? []).length + 1;
  const problems = first.problems.map((p) => p.code);

  const rounds = [];
  const cpu = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await readPdf('report.pdf', bytes);
    rounds.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const textRounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    parseText('report.txt', first.text);
    textRounds.push(performance.now() - t);
  }

  // The command as users run it, from the bundle (built first if stale), each run a fresh process: start-up, loading
  // pdf.js, reading, writing the JSON. The process reports its own CPU time and how long it has run.
  const cli = join(root, 'packages', 'cli');
  execFileSync(process.execPath, [join(cli, 'build.mjs')], { stdio: 'inherit' });
  const entry = pathToFileURL(join(cli, 'dist', 'crossfoot.cjs')).href;
  const script = `const { main } = await import(${JSON.stringify(entry)});
const code = await main(['inspect', ${JSON.stringify(file)}, '--json'], { cwd: process.cwd(), stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false });
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ code, wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 }));`;
  const command = [];
  for (let i = 0; i < Math.max(1, Math.min(ROUNDS, 3)); i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    command.push(JSON.parse(out));
  }
  const fastest = command.reduce((a, b) => (b.wall < a.wall ? b : a));

  const best = Math.min(...rounds);
  console.log(`PDF reading, ${pages} pages (${Math.round(bytes.length / 1024)} KB), ${first.tables.length} tables, problems: ${problems.join(', ') || 'none'}`);
  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.availableParallelism()}, load average ${loadavg()[0].toFixed(1)}\n`);
  console.log('| measure | time | per page | pages/s |');
  console.log('|---|---|---|---|');
  const row = (name, x) => console.log(`| ${name} | ${ms(x)} | ${(x / pages).toFixed(1)} ms | ${Math.round((pages * 1000) / x)} |`);
  row(`readPdf, best of ${ROUNDS}`, best);
  row(`readPdf, median of ${ROUNDS}`, median(rounds));
  row(`readPdf, CPU time, median of ${ROUNDS}`, median(cpu));
  row('  of which the plain-text adapter (median)', median(textRounds));
  row(`crossfoot inspect --json in a new process, best of ${command.length}`, fastest.wall);
  row('  its CPU time', fastest.cpu);
} finally {
  rmSync(work, { recursive: true, force: true });
}
