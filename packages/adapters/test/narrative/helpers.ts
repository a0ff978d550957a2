import { readFileSync } from 'node:fs';
import { LineIndex, type Range } from '@crossfoot/core';
import { extractNarrative, type NarrativeFindings } from '../../src/narrative/index.ts';

export const range = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, column: sc },
  end: { line: el, column: ec },
});

/** Reads all of `text` as one paragraph. */
export function read(text: string, section: string[] = []): NarrativeFindings {
  return extractNarrative(new LineIndex(text), 0, text.length, section);
}

export const seedText = readFileSync(new URL('./fixtures/huaning-2018.txt', import.meta.url), 'utf8');
export const seedIndex = new LineIndex(seedText);

/** Reads line `n` of the 2018 report, as the plain-text adapter does. */
export function readSeedLine(n: number, section: string[] = []): NarrativeFindings {
  return extractNarrative(seedIndex, seedIndex.lineStart(n), seedIndex.lineEnd(n), section);
}
