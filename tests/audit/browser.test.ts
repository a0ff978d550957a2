import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';
import { makeCorpus, removeCorpora } from './corpus.ts';

/** Debian's Chromium; CI installs it (tests/ensure-chromium.sh). Never skipped: without it this test fails. */
const CHROMIUM = '/usr/bin/chromium';
const EVIL = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">';

describe('the HTML audit report in Chromium', () => {
  const dir = makeCorpus(8);
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];
  const screenshot = join(tmpdir(), 'crossfoot-audit-report.png');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install chromium" (or tests/ensure-chromium.sh)`);
    // An untrusted report: markup in its title, issuer and text, and in its file name.
    mkdirSync(join(dir, 'reports', 'evil'), { recursive: true });
    const text = `---\ntitle: ${JSON.stringify(`某局2024年政府信息公开工作年度报告${EVIL}`)}\nissuer: ${JSON.stringify(`某局${EVIL}`)}\n---\n\n# 某局2024年政府信息公开工作年度报告\n\n全年主动公开信息共320条，其中工作动态53条、通知公告48条${EVIL}。\n`;
    writeFileSync(join(dir, 'reports', 'evil', '2024.md'), text);
    writeFileSync(join(dir, 'reports', 'evil', '"><img src=x onerror="window.__owned=3">.md'), text);
    const run = await runCli(['check', 'reports', '--format', 'html', '-o', 'audit.html'], dir);
    expect(run.code, run.stderr).toBe(1);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, 'audit.html')).href);
    await page.waitForLoadState('load');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    removeCorpora();
  });

  const visible = () =>
    page.$$eval('#report-table tbody tr', (rows) =>
      rows
        .filter((r) => !(r as HTMLElement).hidden)
        .map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.getAttribute('data-sort') ?? c.textContent ?? '')),
    );

  it('loads with no console error, no network request and no script from a report', async () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point
    const text = await page.evaluate(() => document.body.innerText);
    for (const uri of ['reports/bureau-000/2024.md', 'reports/bureau-007/2024.md', 'reports/evil/2024.md']) expect(text).toContain(uri);
    expect(text).toContain('<script>window.__owned = 1</script>');
  });

  it('sorts the table of reports by a column header, both ways', async () => {
    await page.click('#report-table th:nth-child(4) button');
    const up = (await visible()).map((r) => Number(r[3]));
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await page.getAttribute('#report-table th:nth-child(4)', 'aria-sort')).toBe('ascending');
    await page.click('#report-table th:nth-child(4) button');
    const down = (await visible()).map((r) => Number(r[3]));
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(down[0]).toBeGreaterThan(down.at(-1) as number);
    await page.click('#report-table th:nth-child(1) button');
    const names = (await visible()).map((r) => r[0] as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    await page.click('#report-table th:nth-child(1) button');
    expect((await visible()).map((r) => r[0] as string)).toEqual([...names].reverse());
  });

  it('filters the table as one types, and by reports with findings', async () => {
    const all = (await visible()).length;
    await page.fill('#filter', 'bureau-003');
    const shown = await visible();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all);
    for (const row of shown) expect(row[0]).toContain('bureau-003');
    expect(await page.textContent('#shown')).toBe(`显示 ${shown.length} / ${all} 份报告`);
    await page.fill('#filter', 'carried-over-from-previous');
    expect((await visible()).length).toBeGreaterThan(0);
    await page.fill('#filter', 'no such report anywhere');
    expect(await visible()).toEqual([]);
    expect(await page.isVisible('#no-match')).toBe(true);
    await page.fill('#filter', '');
    await page.check('#only-findings');
    const withFindings = await visible();
    for (const row of withFindings) expect(Number(row[3]) + Number(row[4]) + Number(row[5])).toBeGreaterThan(0);
    await page.uncheck('#only-findings');
    expect((await visible()).length).toBe(all);
  });

  it('opens a report’s findings from the table, with the excerpt and the arithmetic', async () => {
    await page.click('#report-table a[href] >> nth=0');
    const id = await page.evaluate(() => location.hash.slice(1));
    expect(await page.$eval(`#${id}`, (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.isVisible(`#${id} pre.source mark`)).toBe(true);
    await page.click('#expand-all');
    expect(await page.$$eval('details.report', (all) => all.every((d) => (d as HTMLDetailsElement).open))).toBe(true);
    expect(await page.isVisible('table.arithmetic tr.difference')).toBe(true);
    await page.screenshot({ path: screenshot, fullPage: false });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });
});
