import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

export const BIN = fileURLToPath(new URL('../bin/crossfoot-language-server.mjs', import.meta.url));
export const SEED = fileURLToPath(new URL('../../../examples/huaning-2018.txt', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

export const fileUri = (path: string) => pathToFileURL(path).href;

export interface Client {
  connection: MessageConnection;
  server: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Every window/showMessage received. */
  messages: { type: number; message: string }[];
  /** The next publishDiagnostics for `uri` that satisfies `test` (one already received counts if it is the latest). */
  diagnostics(uri: string, test?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  root: string;
  initializationOptions?: unknown;
  /** Capabilities beyond the usual ones. */
  disabledSupport?: boolean;
  watch?: boolean;
  /** Answers to workspace/configuration, section `crossfoot`. */
  settings?: Record<string, unknown>;
  /** The server's main module; default: the `crossfoot-language-server` bin. */
  module?: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts the server as an editor would (`crossfoot-language-server --stdio`) and initializes it. */
export async function start(options: StartOptions): Promise<Client> {
  const server = spawn(process.execPath, [options.module ?? BIN, '--stdio'], {
    cwd: options.root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  server.stderr?.on('data', () => undefined);
  // The server may be gone before the last notification is written (exit): nothing to report then.
  server.stdin?.on('error', () => undefined);
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(server.stdin as NodeJS.WritableStream),
  );
  const published: PublishDiagnosticsParams[] = [];
  const messages: { type: number; message: string }[] = [];
  let waiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => messages.push(p));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => options.settings ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onError(() => undefined);
  connection.listen();
  const root = fileUri(options.root);
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'reports' }],
    initializationOptions: options.initializationOptions,
    capabilities: {
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { disabledSupport: !!options.disabledSupport },
        synchronization: { didSave: true },
      },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: !!options.watch } },
    },
  });
  // A notification's promise fails only when the server is gone; the waits for its answers tell then.
  const notify = (method: string, params?: unknown) => void connection.sendNotification(method, params).catch(() => undefined);
  notify('initialized', {});

  let cursor = new Map<string, number>();
  const client: Client = {
    connection,
    server,
    published,
    messages,
    diagnostics(uri, test = () => true, timeoutMs = 20_000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== look);
          reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(published.filter((p) => p.uri === uri).at(-1))}`));
        }, timeoutMs);
        const look = () => {
          const from = cursor.get(uri) ?? 0;
          for (let i = from; i < published.length; i++) {
            const p = published[i] as PublishDiagnosticsParams;
            if (p.uri !== uri) continue;
            cursor.set(uri, i + 1);
            if (test(p)) {
              clearTimeout(timer);
              resolvePromise(p);
              return;
            }
          }
          waiters.push(look);
        };
        look();
      });
    },
    open(uri, languageId, text, version = 1) {
      notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, text) {
      notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      notify('textDocument/didClose', { textDocument: { uri } });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        notify('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      server.kill();
      cursor = new Map();
    },
  };
  return client;
}

export const onLine = (diagnostics: Diagnostic[], line: number) => diagnostics.filter((d) => d.range.start.line === line);
export const byRule = (diagnostics: Diagnostic[], rule: string) => diagnostics.filter((d) => d.code === rule);
