import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFolder, formatOf, isSetupFile, isToolFile, looksLikeYamlReport, sessionPlace } from '../src/project.ts';
import { DEFAULT_SETTINGS, readSettings } from '../src/settings.ts';

describe('readSettings', () => {
  it('takes what is well typed and keeps the rest', () => {
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ packs: ['cn-gov-disclosure-2021', 3, ' '], config: 'ci/crossfoot.config.yaml', locale: 'en', debounceMs: 50 })).toEqual({
      packs: ['cn-gov-disclosure-2021'],
      config: 'ci/crossfoot.config.yaml',
      locale: 'en',
      debounceMs: 50,
    });
    expect(readSettings({ locale: 'fr', debounceMs: -1, config: '' })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ debounceMs: 0 }).debounceMs).toBe(0);
  });
});

const root = join('/', 'work', 'reports');
const exists = (files: string[]) => (path: string) => files.includes(path);

describe('sessionPlace', () => {
  it('works from the nearest config upward, as crossfoot check would', () => {
    const files = [join(root, 'crossfoot.config.yaml')];
    expect(findConfigFolder(join(root, '2024', 'q1'), exists(files))).toBe(root);
    expect(sessionPlace(join(root, '2024', 'a.md'), [], DEFAULT_SETTINGS, exists(files))).toEqual({ cwd: root, packs: [] });
  });

  it('falls back to the workspace folder, then to the report’s folder', () => {
    expect(sessionPlace(join(root, '2024', 'a.md'), [root], DEFAULT_SETTINGS, exists([])).cwd).toBe(root);
    expect(sessionPlace(join(root, '2024', 'a.md'), [], DEFAULT_SETTINGS, exists([])).cwd).toBe(join(root, '2024'));
  });

  it('reads settings’ paths from the workspace folder', () => {
    const place = sessionPlace(
      join(root, '2024', 'a.md'),
      [root],
      { ...DEFAULT_SETTINGS, config: 'ci/cf.yaml', packs: ['./rules/mine', 'cn-gov-disclosure-2021'] },
      exists([]),
    );
    expect(place).toEqual({ cwd: join(root, 'ci'), config: join(root, 'ci', 'cf.yaml'), packs: [join(root, 'rules', 'mine'), 'cn-gov-disclosure-2021'] });
  });
});

describe('which files are reports', () => {
  it('never configs, packs, rule files or tool folders', () => {
    expect(isToolFile(join(root, 'crossfoot.config.yaml'), exists([]))).toBe(true);
    expect(isToolFile(join(root, 'rules', 'mine', 'pack.yaml'), exists([]))).toBe(true);
    expect(isToolFile(join(root, 'rules', 'mine', 'sums.yaml'), exists([join(root, 'rules', 'mine', 'pack.yaml')]))).toBe(true);
    expect(isToolFile(join(root, 'node_modules', 'x', 'README.md'), exists([]))).toBe(true);
    expect(isToolFile(join(root, '2024.md'), exists([]))).toBe(false);
    expect(isSetupFile(join(root, 'rules', 'mine', 'sums.md'), exists([join(root, 'rules', 'mine', 'pack.yml')]))).toBe(true);
    expect(isSetupFile(join(root, '2024.md'), exists([]))).toBe(false);
  });

  it('reads the format from the editor’s language first, then the file', () => {
    expect(formatOf('plaintext', 'report.txt', '')).toBe('text');
    expect(formatOf('text', 'report', '')).toBe('text');
    expect(formatOf('markdown', 'report.txt', '')).toBe('markdown');
    expect(formatOf('html', 'a', '')).toBe('html');
    expect(formatOf('yaml', 'a.yml', '')).toBe('yaml');
    expect(formatOf('json', 'a.json', '{}')).toBeUndefined();
    expect(formatOf('unknown', 'a.md', '')).toBe('markdown');
  });

  it('takes a YAML file for a report only when it has a report’s keys', () => {
    expect(looksLikeYamlReport('meta:\n  title: 报告\n')).toBe(true);
    expect(looksLikeYamlReport('services:\n  web: {}\n')).toBe(false);
  });
});
