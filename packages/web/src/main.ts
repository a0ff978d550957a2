import './style.css';
import type { Diagnostic, Locale, Position, Severity } from '@crossfoot/core';
import { initialLocale, rememberLocale, type StringId, t } from './i18n.ts';
import { renderMarkdown } from './markdown.ts';
import type { ExportFormat, FileResult, PackInfo, ReportInput, Request, Response, RuleInfo } from './protocol.ts';
import { renderReport } from './report-view.ts';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  locale: $<HTMLSelectElement>('locale'),
  drop: $('drop'),
  file: $<HTMLInputElement>('file'),
  pasteBox: $<HTMLDetailsElement>('paste-box'),
  paste: $<HTMLTextAreaElement>('paste'),
  checkPaste: $<HTMLButtonElement>('check-paste'),
  status: $('status'),
  workspace: $('workspace'),
  pack: $<HTMLSelectElement>('pack'),
  recognised: $('recognised'),
  files: $('files'),
  severities: $('severities'),
  rule: $<HTMLSelectElement>('rule'),
  list: $<HTMLOListElement>('list'),
  reportTitle: $('report-title'),
  report: $('report'),
  details: $('details'),
  offline: $('offline'),
};

const state = {
  locale: initialLocale(),
  packs: [] as PackInfo[],
  pack: '',
  results: [] as FileResult[],
  rules: {} as Record<string, RuleInfo>,
  current: 0,
  selected: undefined as number | undefined,
  shown: new Set<Severity>(SEVERITIES),
  rule: '',
  status: 'starting' as StringId,
  statusData: {} as Record<string, string | number>,
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

const at = (p: Position) => ({ line: p.line, column: p.column });
const tr = (id: StringId, data?: Record<string, string | number>) => t(state.locale, id, data);

function setState(name: 'starting' | 'ready' | 'checking' | 'done' | 'error'): void {
  document.documentElement.dataset.state = name;
}

function setStatus(id: StringId, data: Record<string, string | number> = {}): void {
  state.status = id;
  state.statusData = data;
  ui.status.textContent = tr(id, data);
}

// ---- The checker, in a worker -------------------------------------------------------------------------------------

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (response: Response) => void>();

function startWorker(): void {
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'crossfoot-checker' });
  } catch {
    failToStart();
    return;
  }
  worker.onmessage = (event: MessageEvent<Response>) => {
    const message = event.data;
    if (message.type === 'ready') {
      state.packs = message.packs;
      fillPacks();
      setStatus('ready');
      setState('ready');
      return;
    }
    if (message.type === 'warm') {
      // For the benchmark: the time of a first report is measured once the checker is warm, as after a user's pick.
      document.documentElement.dataset.warmMs = String(message.ms);
      return;
    }
    if (message.type === 'error' && message.id === 0) {
      setStatus('failed', { message: message.message });
      setState('error');
      return;
    }
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failToStart();
  };
}

function failToStart(): void {
  setStatus('noWorker');
  setState('error');
}

/** A request before it is numbered (Omit spread over each kind of request). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

function call(request: Unnumbered<Request>): Promise<Response> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker?.postMessage({ ...request, id } as Request, request.type === 'check' ? (request.files ?? []).flatMap((f) => (f.bytes ? [f.bytes] : [])) : []);
  });
}

let latest = 0;

/** Checks the given reports (or the ones already loaded, again, in the current language and pack). */
async function check(files?: ReportInput[]): Promise<void> {
  if (!worker) return;
  const ticket = ++latest;
  setState('checking');
  setStatus('checking');
  const response = await call({ type: 'check', locale: state.locale, ...(state.pack ? { pack: state.pack } : {}), ...(files ? { files } : {}) });
  if (ticket !== latest) return;
  if (response.type === 'error') {
    setStatus('failed', { message: response.message });
    setState('error');
    return;
  }
  if (response.type !== 'result') return;
  const currentUri = state.results[state.current]?.uri;
  state.results = response.files;
  state.rules = response.rules;
  if (files) {
    state.selected = undefined;
    state.rule = '';
    // Of several files, show the one checked against last year's (the newest), else the first.
    const newest = response.files.findIndex((f) => f.previous);
    state.current = Math.max(newest, 0);
  } else {
    const kept = response.files.findIndex((f) => f.uri === currentUri);
    state.current = Math.max(kept, 0);
  }
  ui.workspace.hidden = false;
  document.body.classList.add('has-report');
  const painting = performance.now();
  renderAll();
  setStatus('checked', { files: response.files.length, ms: response.timing.read + response.timing.check });
  // How long each stage took, for anyone measuring the page (the benchmark reads these).
  const root = document.documentElement.dataset;
  root.readMs = String(response.timing.read);
  root.checkMs = String(response.timing.check);
  root.renderMs = String(Math.round(performance.now() - painting));
  setState('done');
}

async function readFiles(list: FileList | File[]): Promise<void> {
  const files = [...list];
  if (!files.length) return;
  const inputs = await Promise.all(files.map(async (f): Promise<ReportInput> => ({ name: f.name, bytes: await f.arrayBuffer() })));
  await check(inputs);
}

function checkText(text: string): Promise<void> {
  return check([{ name: tr('pastedName'), text }]);
}

async function save(format: ExportFormat): Promise<void> {
  const response = await call({ type: 'export', format, locale: state.locale });
  if (response.type !== 'exported') return;
  const url = URL.createObjectURL(new Blob([response.text], { type: response.mime }));
  const a = el('a', { href: url, download: response.fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- Rendering ------------------------------------------------------------------------------------------------------

function translateStatic(): void {
  document.documentElement.lang = state.locale;
  document.title = tr('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = tr(node.dataset.i18n as StringId);
  for (const node of document.querySelectorAll<HTMLTextAreaElement>('[data-i18n-placeholder]')) node.placeholder = tr(node.dataset.i18nPlaceholder as StringId);
  ui.locale.value = state.locale;
  ui.status.textContent = tr(state.status, state.statusData);
}

function fillPacks(): void {
  ui.pack.replaceChildren(
    el('option', { value: '' }, tr('packAuto')),
    ...state.packs.filter((p) => !p.abstract).map((p) => el('option', { value: p.id }, p.title ? `${p.id} — ${p.title[state.locale]}` : p.id)),
  );
  ui.pack.value = state.pack;
}

const file = () => state.results[state.current];

function visible(d: Diagnostic): boolean {
  return state.shown.has(d.severity) && (!state.rule || d.ruleId === state.rule);
}

function renderAll(): void {
  renderPackInfo();
  renderFiles();
  renderFilters();
  renderList();
  renderText();
  renderDetails();
}

function renderPackInfo(): void {
  const f = file();
  if (!f) return;
  const lines: string[] = [];
  if (!state.pack) lines.push(f.recognised.length ? tr('recognised', { packs: f.recognised.join(', ') }) : tr('recognisedNone'));
  else lines.push(tr('applied', { packs: f.applied.join(', ') }));
  if (f.previous) lines.push(tr('previous', { file: f.previous }));
  ui.recognised.textContent = lines.join(' · ');
}

function counts(diagnostics: Diagnostic[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) out[d.severity]++;
  return out;
}

function renderFiles(): void {
  ui.files.hidden = state.results.length < 2;
  ui.files.replaceChildren(
    ...state.results.map((f, i) => {
      const c = counts(f.diagnostics);
      const button = el('button', { type: 'button', class: 'file-tab', 'aria-pressed': String(i === state.current), 'data-file': f.uri }, f.uri);
      button.append(el('span', { class: 'tab-counts' }, ...SEVERITIES.filter((s) => c[s]).map((s) => el('span', { class: `count sev-${s}` }, String(c[s])))));
      button.addEventListener('click', () => {
        state.current = i;
        state.selected = undefined;
        state.rule = '';
        renderAll();
      });
      return button;
    }),
  );
}

function renderFilters(): void {
  const f = file();
  if (!f) return;
  const c = counts(f.diagnostics);
  ui.severities.replaceChildren(
    ...SEVERITIES.map((s) => {
      const box = el('input', { type: 'checkbox', 'data-severity': s });
      box.checked = state.shown.has(s);
      box.addEventListener('change', () => {
        if (box.checked) state.shown.add(s);
        else state.shown.delete(s);
        refilter();
      });
      return el('label', { class: `severity-filter sev-${s}` }, box, el('span', { class: 'dot' }), `${tr(`severity.${s}`)} `, el('b', {}, String(c[s])));
    }),
  );
  const byRule = new Map<string, number>();
  for (const d of f.diagnostics) byRule.set(d.ruleId, (byRule.get(d.ruleId) ?? 0) + 1);
  ui.rule.replaceChildren(
    el('option', { value: '' }, `${tr('allRules')} (${f.diagnostics.length})`),
    ...[...byRule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => el('option', { value: id }, `${id} (${n})`)),
  );
  if (!byRule.has(state.rule)) state.rule = '';
  ui.rule.value = state.rule;
}

function refilter(): void {
  const f = file();
  if (state.selected !== undefined && f && !visible(f.diagnostics[state.selected]!)) state.selected = undefined;
  renderList();
  renderText();
  renderDetails();
}

function renderList(): void {
  const f = file();
  if (!f) return;
  const items = f.diagnostics.flatMap((d, i) => {
    if (!visible(d)) return [];
    const button = el(
      'button',
      {
        type: 'button',
        class: `finding sev-${d.severity}`,
        'data-index': String(i),
        'data-rule': d.ruleId,
        'data-severity': d.severity,
        'data-line': String(d.range.start.line),
        'data-column': String(d.range.start.column),
        'aria-pressed': String(i === state.selected),
      },
      el('span', { class: 'where' }, tr('lineShort', at(d.range.start))),
      el('span', { class: `badge sev-${d.severity}` }, tr(`badge.${d.severity}`)),
      el('span', { class: 'message' }, d.message),
      el('span', { class: 'rule-id' }, d.ruleId),
    );
    return [el('li', {}, button)];
  });
  if (!items.length) items.push(el('li', { class: 'muted empty' }, f.diagnostics.length ? tr('noneShown') : tr('noFindings')));
  ui.list.replaceChildren(...items);
}

let marks = new Map<number, HTMLElement>();

function renderText(): void {
  const f = file();
  if (!f) return;
  ui.reportTitle.textContent = f.uri;
  const rendered = renderReport(f.text, f.diagnostics, (i) => visible(f.diagnostics[i]!));
  marks = rendered.marks;
  ui.report.replaceChildren(rendered.root);
  if (state.selected !== undefined) light(state.selected);
}

function light(index: number): void {
  for (const node of ui.report.querySelectorAll('mark.current, mark.lit')) node.classList.remove('current', 'lit');
  for (const node of ui.report.querySelectorAll(`mark[data-f~="${index}"]`)) node.classList.add('current');
  for (const node of ui.report.querySelectorAll(`mark[data-r~="${index}"]`)) node.classList.add('lit');
}

function select(index: number, scroll: 'text' | 'list' | 'both' = 'both'): void {
  state.selected = index;
  light(index);
  for (const node of ui.list.querySelectorAll<HTMLElement>('button.finding')) node.setAttribute('aria-pressed', String(node.dataset.index === String(index)));
  renderDetails();
  if (scroll !== 'list') marks.get(index)?.scrollIntoView({ block: 'center', inline: 'nearest' });
  if (scroll !== 'text') ui.list.querySelector(`button[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
}

function scrollToLine(line: number): void {
  const node = ui.report.querySelector<HTMLElement>(`.line[data-n="${line}"]`);
  if (!node) return;
  node.scrollIntoView({ block: 'center' });
  node.classList.remove('flash');
  void node.offsetWidth;
  node.classList.add('flash');
}

function row(label: string, ...value: (Node | string)[]): HTMLTableRowElement {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, ...value));
}

function renderDetails(): void {
  const f = file();
  const d = f && state.selected !== undefined ? f.diagnostics[state.selected] : undefined;
  document.body.classList.toggle('detail-open', !!d);
  if (!d) {
    ui.details.replaceChildren(el('p', { class: 'muted' }, tr('pickFinding')));
    return;
  }
  const close = el('button', { type: 'button', class: 'close', 'aria-label': tr('close'), title: tr('close') }, '×');
  close.addEventListener('click', () => {
    state.selected = undefined;
    for (const node of ui.report.querySelectorAll('mark.current, mark.lit')) node.classList.remove('current', 'lit');
    for (const node of ui.list.querySelectorAll('button.finding[aria-pressed="true"]')) node.setAttribute('aria-pressed', 'false');
    renderDetails();
  });
  const where = el('button', { type: 'button', class: 'link' }, tr('at', at(d.range.start)));
  where.addEventListener('click', () => select(state.selected!, 'text'));
  const parts: Node[] = [
    el(
      'div',
      { class: 'detail-head' },
      el('span', { class: `badge sev-${d.severity}` }, tr(`badge.${d.severity}`)),
      el('code', { class: 'rule-id' }, d.ruleId),
      close,
    ),
    el('p', { class: 'detail-message' }, d.message),
    el('p', { class: 'detail-where' }, where),
  ];
  const a = d.arithmetic;
  if (a) {
    const operands = a.operands?.length
      ? el('ul', { class: 'operands' }, ...a.operands.map((o) => el('li', {}, el('span', {}, o.label), ' = ', el('b', {}, o.value))))
      : undefined;
    const table = el(
      'table',
      { class: 'arithmetic' },
      el(
        'tbody',
        {},
        row(tr('arithmetic.expression'), el('code', {}, a.expression)),
        ...(operands ? [row(tr('arithmetic.operands'), operands)] : []),
        row(tr('arithmetic.expected'), el('b', {}, a.expected)),
        row(tr('arithmetic.actual'), el('b', {}, a.actual)),
        row(tr('arithmetic.difference'), el('b', { class: 'difference' }, a.difference)),
        row(tr('arithmetic.precision'), a.precision),
      ),
    );
    parts.push(el('h3', {}, tr('arithmetic')), table);
  }
  if (d.related.length) {
    const items = d.related.map((r) => {
      const button = el('button', { type: 'button', class: 'link' }, el('span', { class: 'where' }, tr('lineShort', at(r.range.start))), ' ', r.label);
      if (r.uri === d.uri) button.addEventListener('click', () => scrollToLine(r.range.start.line));
      else button.append(` (${r.uri})`);
      return el('li', {}, button);
    });
    parts.push(el('h3', {}, tr('related')), el('ul', { class: 'related' }, ...items));
  }
  const rule = state.rules[d.ruleId];
  if (rule?.doc || rule?.description) {
    const docBox = el('div', { class: 'rule-doc' });
    if (rule.doc) docBox.append(renderMarkdown(rule.doc));
    else if (rule.description) docBox.append(el('p', {}, rule.description[state.locale]));
    parts.push(el('h3', {}, tr('ruleDoc')), docBox);
  }
  if (d.url && /^https:\/\//u.test(d.url)) {
    parts.push(el('p', { class: 'docs-link' }, el('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, tr('docsLink'))));
  }
  ui.details.replaceChildren(...parts);
  ui.details.scrollTop = 0;
}

// ---- Events ---------------------------------------------------------------------------------------------------------

ui.locale.addEventListener('change', () => {
  state.locale = ui.locale.value === 'en' ? 'en' : 'zh-CN';
  rememberLocale(state.locale as Locale);
  translateStatic();
  fillPacks();
  if (state.results.length) void check();
});

ui.pack.addEventListener('change', () => {
  state.pack = ui.pack.value;
  state.selected = undefined;
  if (state.results.length) void check();
});

ui.rule.addEventListener('change', () => {
  state.rule = ui.rule.value;
  refilter();
});

ui.file.addEventListener('change', () => {
  if (ui.file.files) void readFiles(ui.file.files);
  ui.file.value = '';
});

ui.checkPaste.addEventListener('click', () => {
  if (ui.paste.value.trim()) void checkText(ui.paste.value);
});

ui.list.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLElement>('button.finding');
  if (button) select(Number(button.dataset.index), 'text');
});

ui.report.addEventListener('click', (event) => {
  const mark = (event.target as HTMLElement).closest<HTMLElement>('mark[data-f]');
  if (mark) select(Number(mark.dataset.f!.split(' ')[0]), 'list');
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-export]')) {
  button.addEventListener('click', () => void save(button.dataset.export as ExportFormat));
}

// Files dropped anywhere on the page are checked; never let the browser open them instead.
let dragDepth = 0;
window.addEventListener('dragenter', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  document.body.classList.add('dragging');
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) document.body.classList.remove('dragging');
});
window.addEventListener('dragover', (event) => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
});
window.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  document.body.classList.remove('dragging');
  const files = event.dataTransfer?.files;
  if (files?.length) void readFiles(files);
  else {
    const text = event.dataTransfer?.getData('text/plain');
    if (text?.trim()) void checkText(text);
  }
});

// Pasting a file, or text outside the text box, checks it straight away.
document.addEventListener('paste', (event) => {
  if ((event.target as HTMLElement | null)?.closest?.('textarea, input, select')) return;
  const data = event.clipboardData;
  if (!data) return;
  if (data.files.length) {
    event.preventDefault();
    void readFiles(data.files);
    return;
  }
  const text = data.getData('text/plain');
  if (text.trim()) {
    event.preventDefault();
    ui.paste.value = text;
    void checkText(text);
  }
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.selected !== undefined) ui.details.querySelector<HTMLButtonElement>('button.close')?.click();
});

translateStatic();
setState('starting');
setStatus('starting');
startWorker();

if (import.meta.env.PROD && 'serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker
    .register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      ui.offline.hidden = false;
    })
    .catch(() => {
      // Offline use is a convenience; the checker works without it.
    });
}
