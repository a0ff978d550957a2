import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byRule, type Client, EXAMPLES, fileUri, SEED, start } from './client.ts';

const CARRIED = 'cn-gov-disclosure-2021/carried-over-from-previous';

// Each case starts its own server.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
let client: Client | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('a broken config', () => {
  it('is shown on the config file and once as a message, never crashes, and recovers when fixed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-config-'));
    const config = join(dir, 'crossfoot.config.yaml');
    writeFileSync(config, 'locale: fr\n');
    copyFileSync(SEED, join(dir, 'a.txt'));
    copyFileSync(SEED, join(dir, 'b.txt'));
    client = await start({ root: dir, watch: true });
    const text = readFileSync(SEED, 'utf8');
    const a = fileUri(join(dir, 'a.txt'));
    const b = fileUri(join(dir, 'b.txt'));
    client.open(a, 'plaintext', text);
    const notice = await client.diagnostics(a, (p) => p.diagnostics.length > 0);
    expect(notice.diagnostics).toHaveLength(1);
    expect(notice.diagnostics[0]).toMatchObject({ code: 'crossfoot/setup', source: 'crossfoot', severity: 2 });
    expect(notice.diagnostics[0]?.relatedInformation?.[0]?.location.uri).toBe(fileUri(config));
    const onConfig = await client.diagnostics(fileUri(config), (p) => p.diagnostics.length > 0);
    expect(onConfig.diagnostics[0]).toMatchObject({ severity: 1, source: 'crossfoot', range: { start: { line: 0 } } });
    expect(onConfig.diagnostics[0]?.message).toMatch(/locale/);

    client.open(b, 'plaintext', text);
    await client.diagnostics(b, (p) => p.diagnostics.length > 0);
    // Opening the config itself keeps its problems on it.
    client.open(fileUri(config), 'yaml', 'locale: fr\n');
    await new Promise((r) => setTimeout(r, 1000));
    const kept = client.published.filter((p) => p.uri === fileUri(config)).at(-1)?.diagnostics[0];
    expect(kept?.message).toMatch(/locale/);
    expect(kept?.code).not.toBe('crossfoot/setup');
    expect(client.messages).toHaveLength(1);
    expect(client.messages[0]?.type).toBe(1);
    expect(client.messages[0]?.message).toContain('crossfoot.config.yaml');

    writeFileSync(config, 'locale: en\n');
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    await client.diagnostics(fileUri(config), (p) => p.diagnostics.length === 0);
    const checked = await client.diagnostics(a, (p) => byRule(p.diagnostics, 'cn-gov-disclosure-common/statement-sums').length > 0);
    expect(byRule(checked.diagnostics, 'cn-gov-disclosure-common/statement-sums')[0]?.message).toMatch(/322/);
    expect(byRule(checked.diagnostics, 'cn-gov-disclosure-common/statement-sums')[0]?.message).not.toMatch(/其中/);
  });

  it('a broken pack in the project is shown on the pack file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-pack-'));
    const pack = join(dir, 'rules', 'broken', 'pack.yaml');
    mkdirSync(join(dir, 'rules', 'broken'), { recursive: true });
    writeFileSync(pack, 'id: broken\nversion: 1\nrules: 3\n');
    copyFileSync(SEED, join(dir, 'a.txt'));
    client = await start({ root: dir });
    const a = fileUri(join(dir, 'a.txt'));
    client.open(a, 'plaintext', readFileSync(SEED, 'utf8'));
    await client.diagnostics(a, (p) => p.diagnostics[0]?.code === 'crossfoot/setup');
    const onPack = await client.diagnostics(fileUri(pack), (p) => p.diagnostics.length > 0);
    expect(onPack.diagnostics[0]?.source).toBe('crossfoot');
    expect(client.messages).toHaveLength(1);
  });
});

describe('last year’s report', () => {
  it('is read from disk beside this year’s, and taken from the editor while open', async () => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-lsp-years-'));
    for (const year of ['2023', '2024']) copyFileSync(join(EXAMPLES, 'jiangzhou-transport', `${year}.md`), join(dir, `${year}.md`));
    client = await start({ root: dir });
    const y2023 = fileUri(join(dir, '2023.md'));
    const y2024 = fileUri(join(dir, '2024.md'));
    client.open(y2024, 'markdown', readFileSync(join(dir, '2024.md'), 'utf8'));
    const first = await client.diagnostics(y2024, (p) => p.diagnostics.length > 0);
    const carried = byRule(first.diagnostics, CARRIED);
    expect(carried.length).toBe(2);
    expect(carried[0]?.relatedInformation?.[0]?.location.uri).toBe(y2023);
    expect(carried[0]?.relatedInformation?.[0]?.location.range.start.line).toBe(73);

    // Carrying forward 3 last year, as this year's report says, settles it — before the file is even saved.
    const last = readFileSync(join(dir, '2023.md'), 'utf8');
    const row = '| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |';
    expect(last).toContain(row);
    client.open(y2023, 'markdown', last);
    await client.diagnostics(y2023);
    client.change(y2023, 2, last.replace(row, '| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |'));
    await client.diagnostics(y2024, (p) => byRule(p.diagnostics, CARRIED).length === 0);

    // Closed unsaved, the file on disk speaks for last year again.
    client.close(y2023);
    await client.diagnostics(y2024, (p) => byRule(p.diagnostics, CARRIED).length === 2);
  });
});
