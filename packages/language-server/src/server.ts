import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReadingMemo, readReport } from '@crossfoot/adapters';
import {
  CrossfootError,
  CrossfootErrors,
  type Diagnostic,
  type Locale,
  labelKey,
  type ReportDocument,
  type ReportFormat,
  reportYear,
  sharedEndsAfterEdit,
} from '@crossfoot/core';
import { Session, toUri } from 'crossfoot';
import {
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesParams,
  FileChangeType,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type Diagnostic as LspDiagnostic,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { type Range, TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { codeActionsFor, type Flagged } from './code-actions.ts';
import { DiskReports, mayBe, type Wanted } from './disk.ts';
import { hoverAt } from './hover.ts';
import { SOURCE, toLspDiagnostic } from './lsp-diagnostic.ts';
import { t } from './messages.ts';
import { rangesTouch, sameRange, toLspRange } from './positions.ts';
import { formatOf, isSetupFile, isToolFile, Project, placeKey, type SessionPlace, sessionPlace } from './project.ts';
import { CheckScheduler, debounceDelay } from './scheduler.ts';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.ts';

/** What the server watches: configs, packs and their rules, and reports (last year's may sit beside this year's). */
export const WATCHED = ['**/crossfoot.config.{yaml,yml,json}', '**/pack.{yaml,yml,json}', '**/*.{md,markdown,txt,yaml,yml,json,html,htm}'];

/** The findings last published for a document, kept for hovers and code actions. */
interface Result {
  version: number;
  findings: Diagnostic[];
  lsp: LspDiagnostic[];
  doc: ReportDocument;
  format: ReportFormat;
  locale: Locale;
}

type Setup = { project: Project } | { error: unknown; place: SessionPlace; locale: Locale };

/** The file system path of a `file:` uri; undefined for other schemes (an unsaved buffer). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function errorsOf(error: unknown): CrossfootError[] {
  if (error instanceof CrossfootErrors) return error.errors;
  return error instanceof CrossfootError ? [error] : [];
}

function describe(error: unknown, cwd: string): string {
  if (error instanceof CrossfootError) return error.format((f) => toUri(cwd, resolve(cwd, f)) || f);
  return error instanceof Error ? error.message : String(error);
}

/**
 * crossfoot over the Language Server Protocol: every open report is checked the way `crossfoot check`
 * would check it from its folder, on open and (debounced) on change, and its findings are pushed with
 * `textDocument/publishDiagnostics`; hovers show a finding's arithmetic, code actions offer fixes.
 */
export class CrossfootServer {
  readonly documents = new TextDocuments({ create: TextDocument.create, update: updateDocument });
  private readonly scheduler = new CheckScheduler((uri, ticket) => this.check(uri, ticket));
  private readonly disk = new DiskReports();
  private folders: string[] = [];
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private configurationSupport = false;
  private configurationRegistration = false;
  private watchSupport = false;
  private foldersSupport = false;
  private disabledSupport = false;
  private readonly docSettings = new Map<string, Promise<Settings>>();
  private readonly resolvedSettings = new Map<string, Settings>();
  private readonly setups = new Map<string, Promise<Setup>>();
  /** Per session key, the files whose setup problems are shown, and how to build the session again. */
  private readonly setupProblems = new Map<string, { uris: string[]; place: SessionPlace; locale: Locale | undefined; message?: string }>();
  private readonly shown = new Set<string>();
  private readonly results = new Map<string, Result>();
  private readonly parsed = new Map<string, { version: number; uri: string; format: ReportFormat; doc: ReportDocument; memo: ReadingMemo }>();
  private readonly issuers = new Map<string, string>();
  private readonly checkedVersions = new Map<string, number>();
  private readonly justOpened = new Set<string>();
  private readonly keys = new Map<string, { version: number; key: string }>();
  /** How long the last check of each document took: a slow one is not started again after every keystroke. */
  private readonly durations = new Map<string, number>();

  constructor(private readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    connection.onHover((params) => this.hover(params));
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onDidChangeConfiguration((params) => this.configurationChanged(params.settings));
    connection.onDidChangeWatchedFiles((params) => this.filesChanged(params));
    connection.onShutdown(() => this.scheduler.dispose());
    const docs = this.documents;
    docs.onDidOpen((e) => this.justOpened.add(e.document.uri));
    docs.onDidChangeContent((e) => {
      const uri = e.document.uri;
      this.scheduler.schedule(uri, this.justOpened.delete(uri) ? 0 : this.debounceFor(uri));
    });
    docs.onDidSave((e) => {
      const path = pathOf(e.document.uri);
      // Clients that cannot watch files still save them: a saved config or pack rebuilds the sessions.
      if (path && isSetupFile(path)) this.invalidate();
    });
    docs.onDidClose((e) => this.closed(e.document.uri));
    docs.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.configurationSupport = !!caps.workspace?.configuration;
    this.configurationRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    this.watchSupport = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.disabledSupport = !!caps.textDocument?.codeAction?.disabledSupport;
    this.foldersSupport = !!caps.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.map(pathOf).filter((p): p is string => !!p);
    if (!this.folders.length && params.rootPath) this.folders = [resolve(params.rootPath)];
    const options = params.initializationOptions as Record<string, unknown> | undefined;
    this.globalSettings = readSettings(options?.crossfoot ?? options);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'crossfoot-language-server', version: '0.1.0' },
    };
  }

  private initialized(): void {
    if (this.watchSupport) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    }
    if (this.configurationSupport && this.configurationRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'crossfoot' }).catch(() => undefined);
    }
    if (!this.foldersSupport) return;
    this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
      this.folders = [...this.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => pathOf(f.uri)).filter((p): p is string => !!p)];
      this.recheck(this.documents.keys(), 0);
    });
  }

  // ── settings ────────────────────────────────────────────────────────────────

  private settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationSupport) return Promise.resolve(this.globalSettings);
    let settings = this.docSettings.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'crossfoot' }).then(
        (raw) => readSettings(raw, this.globalSettings),
        () => this.globalSettings,
      );
      settings.then((s) => this.resolvedSettings.set(uri, s));
      this.docSettings.set(uri, settings);
    }
    return settings;
  }

  /** The wait before checking `uri` (`debounceDelay`); `busy`: whether a check of it is already waiting or running. */
  private debounceFor(uri: string, busy = this.scheduler.pending(uri)): number {
    const configured = (this.resolvedSettings.get(uri) ?? this.globalSettings).debounceMs;
    return debounceDelay(configured, this.durations.get(uri) ?? 0, busy);
  }

  private configurationChanged(settings: unknown): void {
    const crossfoot = (settings as Record<string, unknown> | undefined)?.crossfoot;
    if (crossfoot) this.globalSettings = readSettings(crossfoot);
    this.docSettings.clear();
    this.resolvedSettings.clear();
    this.recheck(this.documents.keys(), 0);
  }

  // ── sessions ────────────────────────────────────────────────────────────────

  private setup(place: SessionPlace, locale: Locale | undefined): Promise<Setup> {
    const key = placeKey(place, locale);
    let setup = this.setups.get(key);
    if (!setup) {
      setup = Session.create({
        cwd: place.cwd,
        ...(place.packs.length ? { packs: place.packs } : {}),
        ...(place.config ? { config: place.config } : {}),
        locale,
      }).then(
        (session): Setup => ({ project: new Project(session, place) }),
        (error: unknown): Setup => ({ error, place, locale: locale ?? 'zh-CN' }),
      );
      setup.then((s) => this.showSetup(key, s, place, locale));
      this.setups.set(key, setup);
    }
    return setup;
  }

  /** A broken config or pack: a diagnostic on each file at fault, and one message; cleared once it loads. */
  private showSetup(key: string, setup: Setup, place: SessionPlace, locale: Locale | undefined): void {
    const problems = new Map<string, LspDiagnostic[]>();
    let message: string | undefined;
    if ('error' in setup) {
      for (const e of errorsOf(setup.error)) {
        if (!e.file) continue;
        const uri = this.uriOfPath(resolve(place.cwd, e.file));
        const list = problems.get(uri) ?? [];
        list.push({
          range: e.range ? toLspRange(e.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: `crossfoot/${e.code}`,
          message: e.message,
        });
        problems.set(uri, list);
      }
      message = t('notice.setupFailed', setup.locale, { error: describe(setup.error, place.cwd) });
      this.notify(message);
      if (!(setup.error instanceof CrossfootError))
        this.connection.console.error(setup.error instanceof Error ? (setup.error.stack ?? setup.error.message) : String(setup.error));
    }
    const before = this.setupProblems.get(key);
    for (const uri of before?.uris ?? []) if (!problems.has(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of problems) this.connection.sendDiagnostics({ uri, diagnostics });
    // Fixed, then broken the same way again: say so again.
    if (before?.message && before.message !== message) this.shown.delete(before.message);
    if (message) this.setupProblems.set(key, { uris: [...problems.keys()], place, locale, message });
    else this.setupProblems.delete(key);
  }

  /** `window/showMessage`, once per distinct text (until that setup loads or fails otherwise). */
  private notify(message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  }

  /** Forgets every session (a config or pack changed) and checks every open report again. */
  private invalidate(): void {
    this.setups.clear();
    // Sessions that failed are rebuilt now, so that a fixed config loses its diagnostics even with no report open.
    for (const { place, locale } of [...this.setupProblems.values()]) void this.setup(place, locale);
    this.recheck(this.documents.keys(), 0);
  }

  private filesChanged(params: DidChangeWatchedFilesParams): void {
    let setupChanged = false;
    const dirs = new Set<string>();
    let listed = false;
    const open = new Set(this.documents.keys().map(pathOf));
    for (const change of params.changes) {
      const path = pathOf(change.uri);
      if (!path) continue;
      if (isSetupFile(path)) setupChanged = true;
      if (change.type !== FileChangeType.Changed) listed = true;
      this.disk.forget(path);
      // A report saved from the editor changes nothing: the checks already read it there.
      if (change.type !== FileChangeType.Changed || !open.has(path)) dirs.add(dirname(path));
    }
    if (setupChanged) {
      this.invalidate();
      return;
    }
    if (listed) for (const setup of this.setups.values()) void setup.then((s) => 'project' in s && s.project.forgetFiles());
    const affected = this.documents.keys().filter((uri) => {
      const path = pathOf(uri);
      return path !== undefined && dirs.has(dirname(path));
    });
    this.recheck(affected, this.globalSettings.debounceMs);
  }

  // ── checking ────────────────────────────────────────────────────────────────

  private recheck(uris: string[], delay: number): void {
    for (const uri of uris) if (this.documents.get(uri)) this.scheduler.schedule(uri, delay);
  }

  private isCurrent(uri: string, ticket: number, version: number): boolean {
    return this.scheduler.isLatest(uri, ticket) && this.documents.get(uri)?.version === version;
  }

  private async check(uri: string, ticket: number): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const text = document.getText();
    const path = pathOf(uri);
    const format = formatOf(document.languageId, path ?? uri, text);
    // A config or pack file is no report: its diagnostics are its own problems, published with the session.
    if (!format || (path && isToolFile(path))) return this.forget(uri);
    const settings = await this.settingsFor(uri);
    const place = sessionPlace(path, this.folders, settings);
    const setup = await this.setup(place, settings.locale);
    if (!this.isCurrent(uri, ticket, version)) return;
    if ('error' in setup) {
      this.forget(uri);
      this.connection.sendDiagnostics({ uri, version, diagnostics: [this.setupNotice(setup)] });
      return;
    }
    const { session } = setup.project;
    if (!(await setup.project.covers(path, format, text))) return this.forget(uri);
    const modelUri = path ? toUri(session.cwd, path) : uri;
    // Only reading and checking count towards the next wait, not building the session the first time.
    const started = performance.now();
    const doc = this.parse(uri, version, modelUri, text, format);
    // Let the messages that came in meanwhile through (a newer change makes this check pointless).
    await new Promise((r) => setImmediate(r));
    if (!this.isCurrent(uri, ticket, version)) return;
    const { others, uris } = this.othersFor(uri, path, session.cwd, doc);
    uris.set(modelUri, uri);
    let findings: Diagnostic[];
    try {
      findings = (await session.checkDocument(doc, others)).filter((d) => d.uri === modelUri);
    } catch (error) {
      const message = t('notice.checkFailed', session.locale, { file: modelUri, error: describe(error, session.cwd) });
      this.connection.console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      this.notify(message);
      return;
    }
    if (!this.isCurrent(uri, ticket, version)) return;
    const lspUri = (u: string) => uris.get(u) ?? pathToFileURL(resolve(session.cwd, u)).href;
    const lsp = findings.map((d) => toLspDiagnostic(d, lspUri));
    this.results.set(uri, { version, findings, lsp, doc, format, locale: session.locale });
    this.durations.set(uri, performance.now() - started);
    this.connection.sendDiagnostics({ uri, version, diagnostics: lsp });
    this.relatedChanged(uri, version, doc);
  }

  /** A new version of a report may be last year's of another open one (same issuer): check those again. */
  private relatedChanged(uri: string, version: number, doc: ReportDocument): void {
    const issuer = doc.meta.issuer ? labelKey(doc.meta.issuer.value) : '';
    const before = this.issuers.get(uri) ?? '';
    this.issuers.set(uri, issuer);
    const changed = this.checkedVersions.get(uri) !== version;
    this.checkedVersions.set(uri, version);
    if (!changed) return;
    const keys = new Set([issuer, before].filter((k) => k !== ''));
    if (!keys.size) return;
    const related = this.documents.keys().filter((u) => u !== uri && keys.has(this.issuers.get(u) ?? ''));
    // Reports related to one just checked: no one is waiting for them, so a slow one waits its longer delay.
    this.recheck(related, this.debounceFor(uri, true));
  }

  private parse(uri: string, version: number, modelUri: string, text: string, format: ReportFormat): ReportDocument {
    const hit = this.parsed.get(uri);
    if (hit && hit.version === version && hit.uri === modelUri && hit.format === format) return hit.doc;
    // What the last reading of this document read is not read again (`ReadingMemo`): after a keystroke, a long
    // report is mostly the same pieces and paragraphs.
    const memo = hit && hit.uri === modelUri && hit.format === format ? hit.memo : new ReadingMemo();
    const doc = readReport({ uri: modelUri, text, format, memo });
    this.parsed.set(uri, { version, uri: modelUri, format, doc, memo });
    return doc;
  }

  /**
   * The other open reports, and the reports on disk beside this one, among which last year's report is looked
   * for — only those naming the same issuer and the year before are read into the model (`findPrevious` needs both).
   */
  private othersFor(uri: string, path: string | undefined, cwd: string, doc: ReportDocument): { others: ReportDocument[]; uris: Map<string, string> } {
    const others: ReportDocument[] = [];
    const uris = new Map<string, string>();
    const year = reportYear(doc);
    if (!doc.meta.issuer || year === undefined) return { others, uris };
    const wanted: Wanted = { issuer: labelKey(doc.meta.issuer.value), year: String(year - 1) };
    const openPaths = new Set<string>();
    for (const other of this.documents.all()) {
      const otherPath = pathOf(other.uri);
      if (otherPath) openPaths.add(otherPath);
      const result = this.results.get(other.uri);
      if (other.uri === uri || !result || !mayBe(this.keyOf(other.uri, other.version, other.getText()), wanted)) continue;
      const modelUri = otherPath ? toUri(cwd, otherPath) : other.uri;
      others.push(this.parse(other.uri, other.version, modelUri, other.getText(), result.format));
      uris.set(modelUri, other.uri);
    }
    if (path) {
      for (const read of this.disk.beside(
        dirname(path),
        wanted,
        (p) => toUri(cwd, p),
        (p) => p === path || openPaths.has(p),
      )) {
        others.push(read.doc);
        uris.set(read.doc.uri, pathToFileURL(read.path).href);
      }
    }
    return { others, uris };
  }

  /** An open document's text folded for matching issuers, per version. */
  private keyOf(uri: string, version: number, text: string): string {
    const hit = this.keys.get(uri);
    if (hit?.version === version) return hit.key;
    const key = labelKey(text);
    this.keys.set(uri, { version, key });
    return key;
  }

  private setupNotice(setup: Extract<Setup, { error: unknown }>): LspDiagnostic {
    const first = errorsOf(setup.error).find((e) => e.file);
    const notice: LspDiagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: SOURCE,
      code: 'crossfoot/setup',
      message: t('notice.setupFailedHere', setup.locale, { error: describe(setup.error, setup.place.cwd) }),
    };
    if (first?.file) {
      const range = first.range ? toLspRange(first.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      notice.relatedInformation = [{ location: { uri: this.uriOfPath(resolve(setup.place.cwd, first.file)), range }, message: first.message }];
    }
    return notice;
  }

  /** The editor's uri for a file when it is open (its spelling of the path wins), else a `file:` uri. */
  private uriOfPath(path: string): string {
    return this.documents.keys().find((uri) => pathOf(uri) === path) ?? pathToFileURL(path).href;
  }

  /** A document that is not (or no longer) checked: its findings go. */
  private forget(uri: string): void {
    this.parsed.delete(uri);
    if (this.results.delete(uri) || this.checkedVersions.has(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.checkedVersions.delete(uri);
  }

  private closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.justOpened.delete(uri);
    const issuer = this.issuers.get(uri) ?? '';
    this.results.delete(uri);
    this.parsed.delete(uri);
    this.issuers.delete(uri);
    this.keys.delete(uri);
    this.durations.delete(uri);
    this.checkedVersions.delete(uri);
    this.docSettings.delete(uri);
    this.resolvedSettings.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // Its saved text, on disk, now stands for it in the checks of the reports it relates to.
    if (issuer)
      this.recheck(
        this.documents.keys().filter((u) => u !== uri && this.issuers.get(u) === issuer),
        this.globalSettings.debounceMs,
      );
  }

  // ── hover and code actions ──────────────────────────────────────────────────

  private current(uri: string): Result | undefined {
    const result = this.results.get(uri);
    return result && this.documents.get(uri)?.version === result.version ? result : undefined;
  }

  private hover(params: HoverParams) {
    const result = this.current(params.textDocument.uri);
    return result ? hoverAt(result.findings, params.position, result.locale) : null;
  }

  private codeActions(params: CodeActionParams) {
    const uri = params.textDocument.uri;
    const result = this.current(uri);
    const document = this.documents.get(uri);
    if (!result || !document) return [];
    if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
    const flagged: Flagged[] = [];
    const asked = params.context.diagnostics.filter((d) => d.source === SOURCE);
    result.lsp.forEach((lsp, i) => {
      const finding = result.findings[i] as Diagnostic;
      const wanted = asked.length ? asked.some((d) => d.code === lsp.code && sameRange(d.range, lsp.range)) : rangesTouch(lsp.range, params.range);
      if (wanted) flagged.push({ finding, lsp });
    });
    return codeActionsFor(flagged, {
      uri,
      text: document.getText(),
      format: result.format,
      doc: result.doc,
      locale: result.locale,
      disabledSupport: this.disabledSupport,
    });
  }
}

export function startServer(connection: Connection): CrossfootServer {
  const server = new CrossfootServer(connection);
  connection.listen();
  return server;
}

/**
 * Applies an editor's changes to an open document. A single change of a range (what an editor sends for a keystroke)
 * also says what the new text shares with the old (`sharedEndsAfterEdit`): reading the new version again (the reading
 * memo, the line index) then compares the two texts around the change only, not a long report from end to end.
 */
function updateDocument(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  const range = changes.length === 1 ? (changes[0] as { range?: Range }).range : undefined;
  if (!range) return TextDocument.update(document, changes, version);
  const old = document.getText();
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const updated = TextDocument.update(document, changes, version);
  sharedEndsAfterEdit(old, updated.getText(), Math.min(from, to), Math.max(from, to));
  return updated;
}
