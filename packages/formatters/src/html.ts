import type { Diagnostic, Locale, RuleMeta, Severity } from '@crossfoot/core';
import { reportStream } from './json.ts';
import { type MessageId, t, tCount } from './messages.ts';
import { sha256Base64 } from './sha256.ts';
import { Sources, shownLines } from './source.ts';
import { type FileCounts, firstOfUnknownRules, uniqueRules } from './summary.ts';
import { printable } from './text.ts';
import type { FileSummary, FormatInput, FormatOptions, ReportStream } from './types.ts';

/**
 * One self-contained HTML page for people who do not read terminals: an overview with findings per
 * rule and per pack, a sortable and filterable table of reports, and every report's findings with the
 * source excerpt highlighted and the arithmetic laid out. Inline CSS and script only, pinned by a
 * Content-Security-Policy with their hashes, so nothing is fetched and nothing taken from a report can
 * run: every text from a report is escaped. No timestamps: the same findings give the same bytes.
 */
export function html(input: FormatInput, options: FormatOptions): string {
  return [...htmlReportChunks(reportStream(input), options)].join('');
}

/**
 * `html`'s page for a report given a file at a time: the overview from the summary, then the table of reports and each
 * report's findings, holding one file's at a time.
 */
export function* htmlReportChunks(report: ReportStream, options: FormatOptions): Generator<string> {
  const { locale } = options;
  const l = (id: MessageId, data?: Record<string, string | number>) => escapeHtml(t(locale, id, data));
  const { summary } = report;
  const rules = new Map<string, RuleMeta>(uniqueRules(report.rules).map((r) => [r.id, r]));
  const findings = summary.errors + summary.warnings + summary.infos;
  const lines = (pieces: string[]) => `${pieces.join('\n')}\n`;

  yield lines([
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${styleHash()}'; script-src '${scriptHash()}'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${l('html.title')}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    `<h1>${l('html.title')}</h1>`,
    `<p class="by">${l('html.generatedBy', { version: options.toolVersion })}</p>`,
    '</header>',
    '<main>',
    `<section class="overview" aria-labelledby="overview"><h2 id="overview">${l('html.overview')}</h2>`,
    '<dl class="cards">',
    card(l('html.reportsChecked'), summary.files, ''),
    card(l('html.withErrors'), summary.filesWithErrors, summary.filesWithErrors ? 'error' : ''),
    card(l('html.withWarnings'), summary.filesWithWarnings, summary.filesWithWarnings ? 'warning' : ''),
    card(l('html.findings'), findings, ''),
    card(l('markdown.errors'), summary.errors, summary.errors ? 'error' : ''),
    card(l('markdown.warnings'), summary.warnings, summary.warnings ? 'warning' : ''),
    card(l('markdown.infos'), summary.infos, summary.infos ? 'info' : ''),
    '</dl>',
  ]);

  const out: string[] = [];
  if (findings > 0) {
    // A rule's highest severity is the summary's; the docs address of a rule the report's rules do not describe is
    // taken from its first finding, which reads the findings only when there is such a rule.
    const unknown = firstOfUnknownRules(report, new Set(rules.keys()));
    const maxRule = Math.max(...summary.perRule.map((r) => r.count));
    out.push(
      `<div class="charts"><figure class="chart"><figcaption>${l('html.perRule')}</figcaption>`,
      `<table class="bars"><thead><tr><th scope="col">${l('markdown.rule')}</th><th scope="col" class="num">${l('markdown.count')}</th><th scope="col"><span class="sr">${l('markdown.count')}</span></th></tr></thead><tbody>`,
    );
    for (const r of summary.perRule) {
      const meta = rules.get(r.ruleId);
      const description = meta ? `<span class="desc">${escapeHtml(meta.description[locale])}</span>` : '';
      out.push(
        `<tr><td>${ruleLink(r.ruleId, meta?.url ?? unknown.get(r.ruleId)?.url)}${description}</td><td class="num">${r.count}</td><td class="bar-cell">${bar(r.count, maxRule, r.severity)}</td></tr>`,
      );
    }
    out.push('</tbody></table></figure>');
    const maxPack = Math.max(...summary.perPack.map((p) => p.count));
    out.push(
      `<figure class="chart"><figcaption>${l('html.perPack')}</figcaption>`,
      `<table class="bars"><thead><tr><th scope="col">${l('html.pack')}</th><th scope="col" class="num">${l('markdown.count')}</th><th scope="col"><span class="sr">${l('markdown.count')}</span></th></tr></thead><tbody>`,
    );
    for (const p of summary.perPack) {
      out.push(`<tr><td><code>${escapeHtml(p.pack)}</code></td><td class="num">${p.count}</td><td class="bar-cell">${bar(p.count, maxPack, 'pack')}</td></tr>`);
    }
    out.push('</tbody></table></figure></div>');
  } else {
    out.push(`<p class="clean">${l('markdown.noProblems')}</p>`);
  }
  out.push('</section>');

  const ids = new Map<string, string>(summary.perFile.map((f, i) => [f.uri, `report-${i + 1}`]));
  const counts = new Map<string, FileCounts>(summary.perFile.map((f) => [f.uri, f]));
  out.push(
    `<section class="reports" aria-labelledby="reports-heading"><h2 id="reports-heading">${l('html.reports')}</h2>`,
    '<div class="controls">',
    `<label>${l('html.filter')} <input id="filter" type="search" placeholder="${l('html.filterHint')}" autocomplete="off"></label>`,
    `<label><input id="only-findings" type="checkbox"> ${l('html.onlyWithFindings')}</label>`,
    `<output id="shown" data-template="${l('html.shown')}">${l('html.shown', { shown: summary.files, total: summary.files })}</output>`,
    '</div>',
    '<table id="report-table" class="report-table"><thead><tr>',
    header(l('html.file'), 'text', 'ascending'),
    header(l('html.issuer'), 'text'),
    header(l('html.year'), 'number'),
    header(l('markdown.errors'), 'number'),
    header(l('markdown.warnings'), 'number'),
    header(l('markdown.infos'), 'number'),
    '</tr></thead><tbody>',
  );
  yield lines(out.splice(0));
  for (const { file, diagnostics: found } of report.files()) {
    const f = counts.get(file.uri) ?? { uri: file.uri, errors: 0, warnings: 0, infos: 0 };
    const search = [f.uri, file.issuer ?? '', file.year ?? '', ...new Set(found.map((d) => d.ruleId))].join(' ').toLowerCase();
    const name = found.length ? `<a href="#${ids.get(f.uri)}">${escapeHtml(f.uri)}</a>` : escapeHtml(f.uri);
    yield lines([
      `<tr data-findings="${found.length}" data-search="${escapeHtml(search)}">`,
      `<td data-sort="${escapeHtml(f.uri)}">${name}</td>`,
      `<td>${escapeHtml(file.issuer ?? '')}</td>`,
      `<td class="num" data-sort="${file.year ?? ''}">${file.year ?? ''}</td>`,
      countCell(f.errors, 'error'),
      countCell(f.warnings, 'warning'),
      countCell(f.infos, 'info'),
      '</tr>',
    ]);
  }
  out.push('</tbody></table>', `<p id="no-match" class="no-match" hidden>${l('html.noMatch')}</p>`, '</section>');

  if (findings > 0) {
    out.push(
      `<section class="details" aria-labelledby="details-heading"><h2 id="details-heading">${l('html.details')}</h2>`,
      `<p class="toggles"><button type="button" id="expand-all">${l('html.expandAll')}</button> <button type="button" id="collapse-all">${l('html.collapseAll')}</button></p>`,
    );
    yield lines(out.splice(0));
    for (const { file, diagnostics: found } of report.files()) {
      if (!found.length) continue;
      const f = counts.get(file.uri) ?? { uri: file.uri, errors: 0, warnings: 0, infos: 0 };
      const sources = new Sources({ files: [file], diagnostics: [], rules: [] });
      yield lines([reportDetails(f, file, found, ids.get(f.uri) as string, sources, rules, locale)]);
    }
    out.push('</section>');
  }
  out.push('</main>', `<script>${SCRIPT}</script>`, '</body>', '</html>');
  yield lines(out);
}

function card(label: string, value: number, tone: string): string {
  return `<div class="card${tone ? ` ${tone}` : ''}"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function header(label: string, type: 'text' | 'number', sort?: 'ascending'): string {
  return `<th scope="col" data-type="${type}"${sort ? ` aria-sort="${sort}"` : ''}><button type="button">${label}</button></th>`;
}

function countCell(n: number, severity: Severity): string {
  return `<td class="num${n ? ` ${severity}` : ''}" data-sort="${n}">${n}</td>`;
}

function bar(count: number, max: number, tone: string): string {
  const width = max > 0 ? ((count / max) * 100).toFixed(1) : '0';
  return `<svg class="bar ${tone}" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="${width}" height="10"></rect></svg>`;
}

function reportDetails(
  f: FileCounts,
  file: FileSummary | undefined,
  found: Diagnostic[],
  id: string,
  sources: Sources,
  rules: Map<string, RuleMeta>,
  locale: Locale,
): string {
  const counts = t(locale, 'html.summaryCounts', {
    errors: tCount(locale, 'count.errors', f.errors),
    warnings: tCount(locale, 'count.warnings', f.warnings),
    infos: tCount(locale, 'count.infos', f.infos),
  });
  const about = [file?.issuer, file?.year].filter((x) => x !== undefined && x !== '').join(' · ');
  const tone = f.errors ? 'error' : f.warnings ? 'warning' : 'info';
  const out = [
    `<details class="report ${tone}" id="${id}">`,
    `<summary><span class="uri">${escapeHtml(f.uri)}</span>${about ? ` <span class="about">${escapeHtml(about)}</span>` : ''} <span class="counts">${escapeHtml(counts)}</span></summary>`,
  ];
  for (const d of found) out.push(finding(d, sources, rules.get(d.ruleId), locale));
  out.push('</details>');
  return out.join('\n');
}

function finding(d: Diagnostic, sources: Sources, rule: RuleMeta | undefined, locale: Locale): string {
  const l = (id: MessageId) => escapeHtml(t(locale, id));
  const out = [
    `<article class="finding ${d.severity}">`,
    `<p class="head"><span class="sev ${d.severity}">${l(`severity.${d.severity}`)}</span> <span class="pos">${d.range.start.line}:${d.range.start.column}</span> ${ruleLink(d.ruleId, rule?.url ?? d.url)}</p>`,
    `<p class="message">${escapeHtml(d.message)}</p>`,
    excerptBlock(d, sources, locale),
  ];
  const a = d.arithmetic;
  if (a) {
    const rows: string[] = [`<tr><th scope="row">${l('arithmetic.expression')}</th><td><code>${escapeHtml(a.expression)}</code></td></tr>`];
    if (a.operands?.length) {
      rows.push(
        `<tr><th scope="row">${l('arithmetic.operands')}</th><td><table class="parts"><tbody>${a.operands
          .map((o) => `<tr><td>${escapeHtml(o.label)}</td><td class="num">${escapeHtml(o.value)}</td></tr>`)
          .join('')}</tbody></table></td></tr>`,
      );
    }
    rows.push(
      `<tr><th scope="row">${l('arithmetic.expected')}</th><td class="num">${escapeHtml(a.expected)}</td></tr>`,
      `<tr><th scope="row">${l('arithmetic.actual')}</th><td class="num">${escapeHtml(a.actual)}</td></tr>`,
      `<tr class="difference"><th scope="row">${l('arithmetic.difference')}</th><td class="num">${escapeHtml(a.difference)}</td></tr>`,
      `<tr><th scope="row">${l('arithmetic.precision')}</th><td>${escapeHtml(a.precision)}</td></tr>`,
    );
    out.push(`<table class="arithmetic"><tbody>${rows.join('')}</tbody></table>`);
  } else if (d.expected !== undefined || d.actual !== undefined) {
    out.push(
      `<table class="arithmetic"><tbody><tr><th scope="row">${l('arithmetic.expected')}</th><td class="num">${escapeHtml(d.expected ?? '')}</td></tr><tr><th scope="row">${l('arithmetic.actual')}</th><td class="num">${escapeHtml(d.actual ?? '')}</td></tr></tbody></table>`,
    );
  }
  if (d.related.length) {
    const items = d.related.map((r) => {
      const where = `${r.uri === d.uri ? '' : `${r.uri}:`}${r.range.start.line}:${r.range.start.column}`;
      return `<li><span class="pos">${escapeHtml(where)}</span> ${escapeHtml(r.label)}</li>`;
    });
    out.push(`<details class="related"><summary>${l('html.related')} (${d.related.length})</summary><ul>${items.join('')}</ul></details>`);
  }
  out.push('</article>');
  return out.join('\n');
}

/** The flagged lines with a line of context around them, the span marked. */
function excerptBlock(d: Diagnostic, sources: Sources, locale: Locale): string {
  const { from, to, spanTo } = shownLines(d);
  const { start, end } = d.range;
  const rows: string[] = [];
  for (let n = from; n <= to; n++) {
    const text = sources.line(d.uri, n);
    if (text === undefined) continue;
    const line = printable(text);
    let body = escapeHtml(line);
    if (n >= start.line && n <= spanTo) {
      const clamp = (x: number) => Math.max(0, Math.min(x, line.length));
      const a = n === start.line ? clamp(start.column - 1) : 0;
      let b = n === end.line ? clamp(end.column - 1) : line.length;
      if (b <= a) b = Math.min(a + 1, line.length);
      body = `${escapeHtml(line.slice(0, a))}<mark>${escapeHtml(line.slice(a, b))}</mark>${escapeHtml(line.slice(b))}`;
    }
    const more = n === spanTo && end.line > spanTo ? ' …' : '';
    rows.push(
      `<span class="line${n >= start.line && n <= spanTo ? ' flagged' : ''}"><span class="ln">${n}</span><span class="text">${body}${more}</span></span>`,
    );
  }
  if (!rows.length) return `<p class="no-source">${escapeHtml(t(locale, 'html.noSource'))}</p>`;
  return `<pre class="source"><code>${rows.join('')}</code></pre>`;
}

function ruleLink(ruleId: string, url: string | undefined): string {
  const id = `<code>${escapeHtml(ruleId)}</code>`;
  return url && /^https?:\/\//i.test(url) ? `<a class="rule" href="${escapeHtml(url)}" rel="noopener noreferrer">${id}</a>` : id;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

let hashes: { style: string; script: string } | undefined;
function styleHash(): string {
  hashes ??= { style: `sha256-${sha256Base64(STYLE)}`, script: `sha256-${sha256Base64(SCRIPT)}` };
  return hashes.style;
}
function scriptHash(): string {
  styleHash();
  return (hashes as { script: string }).script;
}

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --error: #cf222e; --warning: #9a6700; --info: #0969da; --pack: #8250df; --mark: #fff3b0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header.page, main { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header.page { padding-top: 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 12px; }
.by { color: var(--muted); margin: 0 0 12px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: .92em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 140px; background: var(--bg-soft); }
.card dt { color: var(--muted); font-size: .9em; }
.card dd { margin: 0; font-size: 1.8em; font-weight: 600; }
.card.error dd, td.error, .sev.error { color: var(--error); }
.card.warning dd, td.warning, .sev.warning { color: var(--warning); }
.card.info dd, td.info, .sev.info { color: var(--info); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; margin-top: 20px; }
figure.chart { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
table { border-collapse: collapse; }
.bars { width: 100%; }
.bars td, .bars th { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.bars .desc { display: block; color: var(--muted); font-size: .85em; }
.bar-cell { width: 30%; }
svg.bar { width: 100%; height: .9em; display: block; margin-top: .3em; }
svg.bar.error rect { fill: var(--error); } svg.bar.warning rect { fill: #d4a72c; } svg.bar.info rect { fill: var(--info); } svg.bar.pack rect { fill: var(--pack); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.controls { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin-bottom: 10px; }
.controls input[type=search] { font: inherit; padding: 4px 8px; min-width: 260px; border: 1px solid var(--line); border-radius: 6px; }
output { color: var(--muted); }
.report-table { width: 100%; }
.report-table th, .report-table td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; }
.report-table td.num, .report-table th[data-type=number] { text-align: right; }
.report-table th button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer; padding: 0; color: inherit; }
.report-table th[aria-sort=ascending] button::after { content: " ▲"; }
.report-table th[aria-sort=descending] button::after { content: " ▼"; }
.report-table tbody tr:hover { background: var(--bg-soft); }
.no-match, .clean { color: var(--muted); }
details.report { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; margin: 10px 0; padding: 6px 12px; }
details.report.error { border-left-color: var(--error); }
details.report.warning { border-left-color: #d4a72c; }
details.report > summary { cursor: pointer; }
details.report .uri { font-weight: 600; }
details.report .about, details.report .counts { color: var(--muted); margin-left: 8px; }
.finding { border-top: 1px solid var(--line); padding: 8px 0; }
.finding p { margin: 4px 0; }
.message { white-space: pre-wrap; }
.sev { font-weight: 600; }
.pos { color: var(--muted); font-variant-numeric: tabular-nums; }
a.rule { color: inherit; }
pre.source { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 6px 0; margin: 6px 0; white-space: pre-wrap; word-break: break-word; }
pre.source .line { display: flex; padding: 0 10px 0 0; }
pre.source .text { flex: 1; min-width: 0; }
pre.source .line.flagged { background: #fff8e6; }
pre.source .ln { flex: none; min-width: 4em; padding-right: 10px; text-align: right; color: var(--muted); user-select: none; }
mark { background: var(--mark); outline: 1px solid #d4a72c; }
table.arithmetic { margin: 6px 0; }
table.arithmetic th { text-align: left; color: var(--muted); font-weight: normal; padding: 2px 12px 2px 0; vertical-align: top; }
table.arithmetic td { padding: 2px 0; }
table.arithmetic tr.difference td { font-weight: 600; }
table.parts td { padding: 0 12px 0 0; }
details.related summary { cursor: pointer; color: var(--muted); }
details.related ul { margin: 4px 0; }
.toggles button { font: inherit; }
@media print { .controls, .toggles { display: none; } details.report { break-inside: avoid; } }
`;

const SCRIPT = `
(function () {
  var table = document.getElementById('report-table');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, i) { row.setAttribute('data-index', String(i)); });
  var filter = document.getElementById('filter');
  var only = document.getElementById('only-findings');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  var template = shown.getAttribute('data-template');
  function apply() {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search');
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && (!only.checked || row.getAttribute('data-findings') !== '0');
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = template.replace('{shown}', String(count)).replace('{total}', String(rows.length));
    noMatch.hidden = count !== 0;
  }
  filter.addEventListener('input', apply);
  only.addEventListener('change', apply);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var lang = document.documentElement.lang;
  headers.forEach(function (th, column) {
    th.querySelector('button').addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'number';
      var direction = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
      function key(row) { var cell = row.cells[column]; var v = cell.getAttribute('data-sort'); return v === null ? cell.textContent : v; }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? (Number(x) || 0) - (Number(y) || 0) : x.localeCompare(y, lang);
        return c * direction || Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  function reports() { return Array.prototype.slice.call(document.querySelectorAll('details.report')); }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  var expand = document.getElementById('expand-all');
  var collapse = document.getElementById('collapse-all');
  if (expand) expand.addEventListener('click', function () { reports().forEach(function (d) { d.open = true; }); });
  if (collapse) collapse.addEventListener('click', function () { reports().forEach(function (d) { d.open = false; }); });
  window.addEventListener('hashchange', openTarget);
  window.addEventListener('beforeprint', function () { reports().forEach(function (d) { d.open = true; }); });
  openTarget();
  apply();
})();
`;

export const htmlInternals = { STYLE, SCRIPT };
