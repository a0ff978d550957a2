import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

// Packs are data. A pack that names a plugin, or carries JavaScript beside it, runs no code: only the user's own
// config loads plugins.
function project(): { dir: string; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crossfoot-pack-code-'));
  const marker = join(dir, 'ran.txt');
  const plugin = `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport const operators = { ran: () => true };\n`;
  mkdirSync(join(dir, 'rules', 'evil'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'evil', 'plugin.mjs'), plugin);
  writeFileSync(join(dir, 'rules', 'evil', 'index.js'), plugin);
  writeFileSync(join(dir, 'plugin.mjs'), plugin);
  writeFileSync(join(dir, 'report.md'), '---\ntitle: 报告\npacks: [evil]\n---\n# 报告\n\n共1条。\n');
  return { dir, marker };
}
const PACK = 'id: evil\nversion: 1.0.0\ntitle: { zh-CN: 包, en: Pack }\nlocales: [zh-CN]\nrules: []\n';

describe('a pack cannot load code', () => {
  it('a pack naming a plugin is refused with a located error, and the plugin never runs', async () => {
    const { dir, marker } = project();
    writeFileSync(join(dir, 'rules', 'evil', 'pack.yaml'), `${PACK}plugins: [./plugin.mjs]\n`);
    const r = await runCli(['check', 'report.md', '--pack', './rules/evil'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pack\.yaml:6:1.*unknown key "plugins"/);
    expect(existsSync(marker)).toBe(false);
  });

  it('JavaScript beside a pack is never loaded', async () => {
    const { dir, marker } = project();
    writeFileSync(join(dir, 'rules', 'evil', 'pack.yaml'), PACK);
    const r = await runCli(['check', 'report.md'], dir);
    expect(r.code).toBeLessThan(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('a raw condition naming an operator no plugin of the user defines is refused', async () => {
    const { dir, marker } = project();
    const rule = '  - id: r\n    check:\n      conditions: { all: [{ fact: x, operator: ran, value: 1 }] }\n';
    writeFileSync(join(dir, 'rules', 'evil', 'pack.yaml'), `${PACK.replace('rules: []\n', 'facts:\n  x: { pattern: "共(\\\\d+)条" }\nrules:\n')}${rule}`);
    const r = await runCli(['check', 'report.md'], dir);
    expect(r.code).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('the user’s own config loads a plugin', async () => {
    const { dir, marker } = project();
    writeFileSync(join(dir, 'rules', 'evil', 'pack.yaml'), PACK);
    writeFileSync(join(dir, 'crossfoot.config.yaml'), 'plugins: [./plugin.mjs]\n');
    await runCli(['check', 'report.md'], dir);
    expect(existsSync(marker)).toBe(true);
  });
});
