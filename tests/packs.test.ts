import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_MESSAGES, loadPack } from '@crossfoot/core';
import { createPackHost } from 'crossfoot';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packIds = readdirSync(join(root, 'rules')).filter((d) => existsSync(join(root, 'rules', d, 'pack.yaml')));
const host = createPackHost(root);

describe('the shipped packs', () => {
  it('include the three disclosure formats and a non-Chinese pack', () => {
    expect(packIds).toEqual(
      expect.arrayContaining(['cn-gov-disclosure-common', 'cn-gov-disclosure-2008', 'cn-gov-disclosure-2021', 'en-financial-statements']),
    );
  });

  for (const id of packIds) {
    describe(id, () => {
      const pack = loadPack(id, host, join(root, 'noop'));
      const own = pack.rules.filter((r) => r.id.startsWith(`${id}/`));

      it('loads, is versioned and has a bilingual title', () => {
        expect(pack.id).toBe(id);
        expect(pack.version).toMatch(/^\d+\.\d+\.\d+/);
        expect(pack.title?.['zh-CN']).toBeTruthy();
        expect(pack.title?.en).toBeTruthy();
      });

      it('keeps each rule in its own file named after it, with a doc page beside it', () => {
        for (const rule of own) {
          expect(rule.file.endsWith(`/rules/${id}/${rule.name}.yaml`), rule.file).toBe(true);
          expect(rule.doc, `${rule.id} has no doc page`).toBeTruthy();
          expect(rule.doc?.startsWith(`# ${rule.name}\n`), `${rule.id} doc title`).toBe(true);
          expect(rule.doc, `${rule.id} doc says what it checks`).toContain('**What it checks.**');
          expect(rule.doc, `${rule.id} doc says how to fix`).toContain('**How to fix.**');
          expect(rule.description?.['zh-CN'] && rule.description.en, `${rule.id} description`).toBeTruthy();
        }
      });

      it('defines only messages its checks can emit, in both languages', () => {
        for (const rule of own) {
          for (const [messageId, text] of Object.entries(rule.messages)) {
            expect(Object.keys(CHECK_MESSAGES[rule.check.kind]), `${rule.id} message ${messageId}`).toContain(messageId);
            expect(text['zh-CN'] && text.en).toBeTruthy();
          }
        }
      });
    });
  }
});

describe('the built-in messages', () => {
  it('exist in both languages with the same placeholders', () => {
    for (const messages of Object.values(CHECK_MESSAGES)) {
      for (const text of Object.values(messages)) {
        const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w[\w-]*)\}/g)].map((m) => m[1]))].sort();
        expect(placeholders(text['zh-CN'])).toEqual(placeholders(text.en));
      }
    }
  });
});
