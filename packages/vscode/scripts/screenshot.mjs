#!/usr/bin/env node
// Renders images/inline-finding.png for the README: a finding on examples/huaning-2018.txt as the extension shows
// it — the squiggle under the range, the hover with the message and the arithmetic, the Problems entry. The page is
// drawn from the real output: the command's Session finds the diagnostics, the language server's own
// toLspDiagnostic and hoverAt turn them into what the editor receives, and only the editor around them is an HTML
// imitation of VS Code's dark theme, rendered by Debian's Chromium. `node scripts/screenshot.mjs` rewrites it;
// the PNG is committed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
const REPORT = 'huaning-2018.txt';
const RULE = 'cn-gov-disclosure-common/statement-sums';
const FIRST_LINE = 7;
const LAST_LINE = 13;

for (const script of ['packages/cli/build.mjs', 'packages/language-server/build.mjs']) {
  const built = spawnSync(process.execPath, [join(root, script)], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { Session } = await import(join(root, 'packages/cli/dist/crossfoot-api.mjs'));
const { hoverAt, toLspDiagnostic } = await import(join(root, 'packages/language-server/dist/crossfoot-language-server-api.mjs'));

const cwd = join(root, 'examples');
const session = await Session.create({ cwd });
const { diagnostics } = await session.run(await session.files([REPORT]));
const finding = diagnostics.find((d) => d.ruleId === RULE);
if (!finding) throw new Error(`no ${RULE} finding on ${REPORT}`);
const lsp = toLspDiagnostic(finding, (uri) => `file:///${uri}`);
const hover = hoverAt([finding], lsp.range.start, 'zh-CN');
const lines = readFileSync(join(cwd, REPORT), 'utf8').split(/\r?\n/);

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The little Markdown the hover uses: bold, code, links, a table, a rule. */
function markdown(text) {
  const inline = (s) =>
    escapeHtml(s)
      .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '<a>$1</a>');
  const out = [];
  const rows = [];
  const flush = () => {
    if (!rows.length) return;
    const [head, , ...body] = rows.splice(0);
    const cells = (row, tag) => `<tr>${row.map((c, i) => `<${tag}${i ? ' class="num"' : ''}>${inline(c)}</${tag}>`).join('')}</tr>`;
    out.push(`<table>${cells(head, 'th')}${body.map((r) => cells(r, 'td')).join('')}</table>`);
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('|'))
      rows.push(
        line
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim()),
      );
    else {
      flush();
      if (line === '---') out.push('<hr>');
      else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
    }
  }
  flush();
  return out.join('');
}

const { start, end } = lsp.range;
const editor = lines
  .slice(FIRST_LINE - 1, LAST_LINE)
  .map((text, i) => {
    const n = FIRST_LINE + i;
    const body =
      n - 1 === start.line
        ? `${escapeHtml(text.slice(0, start.character))}<span class="squiggle">${escapeHtml(text.slice(start.character, end.character))}</span>${escapeHtml(text.slice(end.character))}`
        : escapeHtml(text);
    return `<div class="line"><span class="gutter">${n}</span><span class="text">${body}</span></div>`;
  })
  .join('');

const page = `<!doctype html><meta charset="utf-8"><style>
  body { margin: 0; background: #181818; font: 13px/1.4 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; color: #cccccc; }
  .window { width: 1000px; border: 1px solid #2b2b2b; }
  .tabs { background: #181818; display: flex; border-bottom: 1px solid #2b2b2b; }
  .tab { padding: 8px 14px; background: #1f1f1f; border-top: 1px solid #0078d4; color: #ffffff; }
  .tab .err { color: #f14c4c; margin-left: 8px; }
  .editor { background: #1f1f1f; padding: 6px 0 300px; position: relative; font-family: 'WenQuanYi Micro Hei Mono', monospace; font-size: 14px; }
  .line { white-space: pre; overflow: hidden; height: 22px; line-height: 22px; }
  .gutter { display: inline-block; width: 48px; text-align: right; padding-right: 18px; color: #6e7681; }
  .squiggle { text-decoration: underline wavy #f14c4c; text-decoration-skip-ink: none; text-underline-offset: 3px; }
  .hover { position: absolute; width: 560px; background: #202020; border: 1px solid #454545;
           box-shadow: 0 2px 8px #000a; font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 13px; }
  .hover section { padding: 6px 10px; }
  .hover section + section { border-top: 1px solid #454545; }
  .hover .code { color: #9d9d9d; }
  .hover a { color: #4daafc; }
  .hover code { background: #ffffff1a; padding: 1px 4px; border-radius: 3px; font-family: 'WenQuanYi Micro Hei Mono', monospace; }
  .hover p { margin: 4px 0; }
  .hover table { border-collapse: collapse; margin: 4px 0; }
  .hover th, .hover td { padding: 1px 10px 1px 0; text-align: left; }
  .hover .num { text-align: right; }
  .problems { background: #181818; border-top: 1px solid #2b2b2b; padding: 6px 12px 10px; }
  .problems h2 { font-size: 11px; letter-spacing: 0.05em; margin: 2px 0 8px; color: #e7e7e7; font-weight: normal; }
  .problem { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .problem .icon { color: #f14c4c; margin-right: 6px; }
  .problem .where { color: #9d9d9d; margin-left: 6px; }
</style>
<div class="window">
  <div class="tabs"><div class="tab">${REPORT}<span class="err">●</span></div></div>
  <div class="editor">${editor}
    <div class="hover">
      <section><p>${escapeHtml(lsp.message)}</p><p class="code">${lsp.source}(<a>${escapeHtml(String(lsp.code))}</a>)</p></section>
      <section>${markdown(hover.contents.value)}</section>
    </div>
  </div>
  <div class="problems"><h2>PROBLEMS</h2>
    <div class="problem"><span class="icon">⊗</span>${escapeHtml(lsp.message)} <span class="where">${lsp.source}(${escapeHtml(String(lsp.code))}) [Ln ${start.line + 1}, Col ${start.character + 1}]</span></div>
  </div>
</div>`;

const browser = await chromium.launch({ executablePath: process.env.CROSSFOOT_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const tab = await browser.newPage({ viewport: { width: 1002, height: 600 }, deviceScaleFactor: 2 });
  await tab.setContent(page);
  // The hover opens under the squiggle, as the editor places it.
  await tab.evaluate(() => {
    const editor = document.querySelector('.editor').getBoundingClientRect();
    const word = document.querySelector('.squiggle').getBoundingClientRect();
    const hover = document.querySelector('.hover');
    hover.style.left = `${word.left - editor.left}px`;
    hover.style.top = `${word.bottom - editor.top + 8}px`;
  });
  await tab.locator('.window').screenshot({ path: join(here, 'images', 'inline-finding.png') });
} finally {
  await browser.close();
}
