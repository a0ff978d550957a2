import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageIds, t } from '../src/messages.ts';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts') && f !== 'messages.ts')
  .map((f) => readFileSync(new URL(f, srcDir), 'utf8'))
  .join('\n');
const ownSource = readFileSync(new URL('messages.ts', srcDir), 'utf8').replace(/const messages = \{[\s\S]*?\n\} satisfies/, '');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it.each(messageIds)('%s is used', (id) => {
    const dynamic = id.match(/^(severity|count)\./);
    const used = `${sources}\n${ownSource}`;
    if (dynamic) expect(used).toMatch(new RegExp(`[\`'"]${dynamic[1]}\\.`));
    else expect(used).toContain(`'${id}'`);
  });

  it.each(messageIds)('%s has both locales with the same placeholders', (id) => {
    const zh = t('zh-CN', id, {}, 2);
    const en = t('en', id, {}, 2);
    expect(zh).not.toBe('');
    expect(en).not.toBe('');
    expect(placeholders(zh)).toEqual(placeholders(en));
    expect(t('en', id, {}, 1)).not.toBe('');
  });
});
