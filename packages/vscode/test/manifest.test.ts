import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));

describe('the extension manifest', () => {
  it('activates on a crossfoot config in the workspace and on Markdown, YAML and plain text', () => {
    expect(manifest.activationEvents).toEqual([
      'workspaceContains:**/crossfoot.config.{yaml,yml,json}',
      'onLanguage:markdown',
      'onLanguage:yaml',
      'onLanguage:plaintext',
    ]);
    expect(manifest.main).toBe('./dist/extension.js');
  });

  it('contributes the four settings the server reads', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties).sort()).toEqual(['crossfoot.config', 'crossfoot.debounceMs', 'crossfoot.locale', 'crossfoot.packs']);
    expect(properties['crossfoot.packs']).toMatchObject({ type: 'array', default: [] });
    expect(properties['crossfoot.config']).toMatchObject({ type: 'string', default: '' });
    expect(properties['crossfoot.locale']).toMatchObject({ enum: ['auto', 'zh-CN', 'en'], default: 'auto' });
    expect(properties['crossfoot.debounceMs']).toMatchObject({ type: 'number', default: 200, minimum: 0 });
  });

  it('has what the marketplace shows: publisher, icon, categories, repository, README and licence', () => {
    expect(manifest.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.categories).toContain('Linters');
    expect(manifest.repository.url).toMatch(/^https:\/\//);
    const icon = readFileSync(new URL(manifest.icon, here));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(128);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(128);
    expect(readFileSync(new URL('README.md', here), 'utf8')).toMatch(/## Use/);
    expect(existsSync(new URL('LICENSE', here))).toBe(true);
  });
});
