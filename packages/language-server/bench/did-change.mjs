#!/usr/bin/env node
// Benchmark, not a test: how long from textDocument/didChange to the textDocument/publishDiagnostics
// for that version, for a typical report (the seed, 15 KB) and for a 5 MB one made by repeating it.
// Usage: node packages/language-server/bench/did-change.mjs [--runs N] [--large-runs N] [--debounce MS]
// Debounce defaults to 0, so the figures are the server's own work; the editor's default adds 200 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, 'large-runs': { type: 'string', default: '5' }, debounce: { type: 'string', default: '0' } },
});
const debounceMs = Number(values.debounce);

const bin = fileURLToPath(new URL('../bin/crossfoot-language-server.mjs', import.meta.url));
const seed = readFileSync(fileURLToPath(new URL('../../../examples/huaning-2018.txt', import.meta.url)), 'utf8');
const big = seed.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(seed)));

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-bench-'));
const server = spawn(process.execPath, [bin, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const key = `${p.uri}@${p.version}`;
  waiting.get(key)?.(p);
  waiting.delete(key);
});
connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs })));
connection.onRequest('client/registerCapability', () => null);
connection.listen();

const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(0)} ms`;

const t0 = performance.now();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
  capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
});
connection.sendNotification('initialized', {});
const startup = performance.now() - t0;

async function measure(name, text, runs) {
  const path = join(dir, `${name}.txt`);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).href;
  let start = performance.now();
  const first = published(uri, 1);
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const opened = await first;
  const open = performance.now() - start;
  const times = [];
  const hovers = [];
  for (let version = 2; version <= runs + 1; version++) {
    // Alternately correct and restore one part of the first statement, as a user typing would.
    const next = version % 2 ? text : text.replace('工作栏目更新信息53条', '工作栏目更新信息51条');
    start = performance.now();
    const done = published(uri, version);
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: next }] });
    // How long an editor waits for a hover asked for while that check runs.
    const hovered = new Promise((r) => setTimeout(r, 50)).then(async () => {
      const asked = performance.now();
      await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 19 } });
      hovers.push(performance.now() - asked);
    });
    await done;
    times.push(performance.now() - start);
    await hovered;
  }
  connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const size = Buffer.byteLength(text);
  return {
    name,
    runs,
    size: size > 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${(size / 1024).toFixed(1)} KB`,
    lines: text.split('\n').length,
    findings: opened.diagnostics.length,
    open: ms(open),
    median: ms(median(times)),
    min: ms(Math.min(...times)),
    max: ms(Math.max(...times)),
    hover: ms(median(hovers)),
  };
}

const results = [await measure('typical', seed, Number(values.runs)), await measure('large', big, Number(values['large-runs']))];
console.log(
  `node ${process.version}, ${values.runs} changes (typical) and ${values['large-runs']} (large), debounce ${debounceMs} ms, server start ${ms(startup)}`,
);
console.log('| report | size | lines | findings | didOpen → diagnostics | didChange → diagnostics (median) | min | max | hover during the check (median) |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.size} | ${r.lines} | ${r.findings} | ${r.open} | ${r.median} | ${r.min} | ${r.max} | ${r.hover} |`);
}

await connection.sendRequest('shutdown');
connection.sendNotification('exit');
connection.dispose();
server.kill();
rmSync(dir, { recursive: true, force: true });
