import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport, toMarkdown } from '@crossfoot/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver';
import { byRule, type Client, fileUri, onLine, SEED, start } from './client.ts';

const SUMS = 'cn-gov-disclosure-common/statement-sums';
const text = readFileSync(SEED, 'utf8');
const fixed = text.replace('工作栏目更新信息53条', '工作栏目更新信息51条');

describe('the language server over stdio, with the seed report as plain text', () => {
  let dir: string;
  let client: Client;
  let uri: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-'));
    copyFileSync(SEED, join(dir, 'report.txt'));
    uri = fileUri(join(dir, 'report.txt'));
    client = await start({ root: dir, disabledSupport: true });
  }, 60_000);
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  let opened: PublishDiagnosticsParams;

  it('publishes the findings on open, with exact ranges, rule ids, docs links and the operands', async () => {
    client.open(uri, 'plaintext', text);
    opened = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(opened.version).toBe(1);
    const [total, ...rest] = byRule(opened.diagnostics, SUMS);
    expect(rest).toEqual([]);
    expect(total).toMatchObject({
      range: { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } },
      severity: 1,
      source: 'crossfoot',
      code: SUMS,
      codeDescription: { href: 'https://github.com/crossfoot/crossfoot/blob/main/rules/cn-gov-disclosure-common/statement-sums.md' },
    });
    expect(text.split('\n')[9]?.slice(18, 22)).toBe('320条');
    expect(total?.relatedInformation?.map((r) => [r.message, r.location.uri, r.location.range.start.character])).toEqual([
      ['工作栏目更新信息 = 53', uri, 33],
      ['政务公开栏目更新信息 = 48', uri, 47],
      ['公共资源交易信息栏目更新交易信息 = 207', uri, 67],
      ['公共资源交易政策法规栏目更新信息 = 14', uri, 88],
    ]);
    // Warnings and infos keep their own severities.
    expect(byRule(opened.diagnostics, 'cn-gov-disclosure-common/statement-shortfall')[0]?.severity).toBe(2);
    expect(byRule(opened.diagnostics, 'cn-gov-disclosure-common/repeated-phrase')[0]?.severity).toBe(3);
  });

  it('shows the arithmetic when hovering the flagged total', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 19 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect((hover.contents as MarkupContent).kind).toBe('markdown');
    for (const part of [
      '| 工作栏目更新信息 | 53 |',
      '| 政务公开栏目更新信息 | 48 |',
      '| 公共资源交易信息栏目更新交易信息 | 207 |',
      '| 公共资源交易政策法规栏目更新信息 | 14 |',
    ]) {
      expect(value).toContain(part);
    }
    expect(value).toContain('| **各项之和** | **322** |');
    expect(value).toContain('| 实为 | 320 |');
    expect(value).toContain('| 差额 | -2 |');
    expect(value).toContain('精确比较');
    expect(hover.range).toEqual({ start: { line: 9, character: 18 }, end: { line: 9, character: 22 } });
    const elsewhere = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 2 } });
    expect(elsewhere).toBeNull();
  });

  it('offers the sum as a quick fix, and says why plain text cannot carry a suppression comment', async () => {
    const flagged = onLine(opened.diagnostics, 9);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: flagged[0]?.range,
      context: { diagnostics: flagged },
    })) as CodeAction[];
    const replace = actions.find((a) => a.edit);
    expect(replace).toMatchObject({
      kind: 'quickfix',
      edit: { changes: { [uri]: [{ range: { start: { line: 9, character: 18 }, end: { line: 9, character: 21 } }, newText: '322' }] } },
    });
    expect(replace?.title).toContain('322');
    expect(actions.every((a) => !a.isPreferred)).toBe(true);
    const suppress = actions.find((a) => a.disabled);
    expect(suppress?.disabled?.reason).toContain(`${SUMS}: off`);
  });

  it('clears the finding once a part is corrected', async () => {
    client.change(uri, 2, fixed);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(byRule(after.diagnostics, SUMS)).toEqual([]);
    expect(after.diagnostics.length).toBeGreaterThan(0);
  });

  it('never lets an older result overwrite a newer one', async () => {
    const before = client.published.length;
    client.change(uri, 3, text);
    client.change(uri, 4, fixed);
    client.change(uri, 5, text);
    client.change(uri, 6, fixed);
    const last = await client.diagnostics(uri, (p) => p.version === 6);
    expect(byRule(last.diagnostics, SUMS)).toEqual([]);
    await new Promise((r) => setTimeout(r, 600));
    const mine = client.published.slice(before).filter((p) => p.uri === uri);
    expect(mine.at(-1)?.version).toBe(6);
    // Debounced: the quick edits in between were never checked.
    expect(mine.map((p) => p.version)).toEqual([6]);
  });

  it('clears the diagnostics when the document closes', async () => {
    client.close(uri);
    const closed = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    expect(closed.diagnostics).toEqual([]);
  });
});

describe('checks racing each other, with no debounce', () => {
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-race-'));
    copyFileSync(SEED, join(dir, 'report.txt'));
    client = await start({ root: dir, settings: { debounceMs: 0 } });
  }, 60_000);
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('publishes versions in order, each with its own findings, the last one last', async () => {
    const uri = fileUri(join(dir, 'report.txt'));
    client.open(uri, 'plaintext', text);
    await client.diagnostics(uri, (p) => p.version === 1);
    const before = client.published.length;
    // Odd versions carry the wrong total, even ones the corrected part.
    for (let version = 2; version <= 9; version++) client.change(uri, version, version % 2 ? text : fixed);
    const last = await client.diagnostics(uri, (p) => p.version === 9);
    await new Promise((r) => setTimeout(r, 500));
    const mine = client.published.slice(before).filter((p) => p.uri === uri);
    expect(mine.at(-1)).toBe(last);
    const versions = mine.map((p) => p.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const p of mine) expect(byRule(p.diagnostics, SUMS).length).toBe((p.version as number) % 2);
  });
});

describe('the seed imported as Markdown', () => {
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-md-'));
    client = await start({ root: dir });
  }, 60_000);
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('flags the total, hovers its arithmetic and offers a suppression comment above its line', async () => {
    const markdown = toMarkdown(readReport({ uri: 'report.txt', text }));
    const path = join(dir, 'report.md');
    writeFileSync(path, markdown);
    const uri = fileUri(path);
    client.open(uri, 'markdown', markdown);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const lines = markdown.split('\n');
    const line = lines.findIndex((l) => l.includes('共320条'));
    const [total] = byRule(published.diagnostics, SUMS);
    const character = (lines[line] as string).indexOf('320条');
    expect(total?.range).toEqual({ start: { line, character }, end: { line, character: character + 4 } });

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: character + 1 } })) as Hover;
    expect((hover.contents as MarkupContent).value).toContain('**322**');

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: total?.range,
      context: { diagnostics: [total] },
    })) as CodeAction[];
    const edits = actions.map((a) => a.edit?.changes?.[uri]?.[0]);
    expect(edits).toContainEqual({ range: { start: { line, character }, end: { line, character: character + 3 } }, newText: '322' });
    expect(edits).toContainEqual({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: `<!-- crossfoot-disable-next-line ${SUMS} -- 原因 -->\n`,
    });

    // Applying the suppression silences that finding, and only that one.
    const suppressed = [...lines.slice(0, line), `<!-- crossfoot-disable-next-line ${SUMS} -- 原因 -->`, ...lines.slice(line)].join('\n');
    client.change(uri, 2, suppressed);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(byRule(after.diagnostics, SUMS)).toEqual([]);
    expect(after.diagnostics.length).toBe(published.diagnostics.length - 1);
  });
});
