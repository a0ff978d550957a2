// Language-server latency: from textDocument/didChange to the textDocument/publishDiagnostics for that version,
// driven over stdio as an editor does, with the debounce set to 0 so the figures are the server's own work.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * Opens each report, then sends changes that alternately change and restore one figure of its first statement
 * (`edit: [from, to]`), timing each change until its diagnostics. Each change is sent as an editor sends it to a server
 * that asks for incremental changes (as crossfoot's does): the range replaced and its new text, not the whole report
 * (`full: true` sends the whole text instead). Returns the times per report.
 */
export async function measureServer({ command, args, env, dir, reports, full = false }) {
  const server = spawn(command, args, { cwd: dir, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.(p);
    waiting.delete(key);
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs: 0 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));

  const t0 = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  connection.sendNotification('initialized', {});
  const startup = performance.now() - t0;

  const out = [];
  for (const { name, text, runs, edit } of reports) {
    const path = join(dir, `${name}.md`);
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    let start = performance.now();
    const first = published(uri, 1);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const opened = await first;
    const open = performance.now() - start;
    const edited = text.replace(edit[0], edit[1]);
    const at = text.indexOf(edit[0]);
    const start0 = { line: lineOf(text, at), character: at - (text.lastIndexOf('\n', at - 1) + 1) };
    const times = [];
    const counts = [];
    for (let version = 2; version <= runs + 1; version++) {
      start = performance.now();
      const done = published(uri, version);
      connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: full
          ? [{ text: version % 2 ? text : edited }]
          : // Restoring (odd versions) replaces the changed figure; changing replaces the original one.
            [
              {
                range: { start: start0, end: { line: start0.line, character: start0.character + (version % 2 ? edit[1] : edit[0]).length } },
                text: version % 2 ? edit[0] : edit[1],
              },
            ],
      });
      counts.push((await done).diagnostics.length);
      times.push(performance.now() - start);
    }
    connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    rmSync(path, { force: true });
    out.push({ name, bytes: Buffer.byteLength(text), findings: opened.diagnostics.length, open, times, counts });
  }
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  // Let the server leave on its own before the pipes close; stop it if it does not.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  connection.dispose();
  if (server.exitCode === null) server.kill();
  return { startup, reports: out };
}

/** The 0-based line of offset `at` in `text` (line feeds only: the bench's reports have no carriage returns). */
function lineOf(text, at) {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
