import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../src/pdf.ts';

// Taken before pdf.js loads: the test file runs in a process of its own, and pdf.ts loads pdf.js on first use.
const engine = {
  push: Array.prototype.push,
  stringify: JSON.stringify,
  parse: JSON.parse,
  toString: Function.prototype.toString,
  includes: Array.prototype.includes,
  replace: String.prototype.replace,
};

describe('reading a PDF leaves the engine its own methods', () => {
  it('puts back what pdf.js replaced as it loaded, and the text is read the same', async () => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'published', 'report-2023.pdf')));
    const doc = await readPdf('report-2023.pdf', bytes);
    expect(doc.problems).toEqual([]);
    expect(doc.text).toContain('政府信息公开');
    expect(Array.prototype.push).toBe(engine.push);
    expect(JSON.stringify).toBe(engine.stringify);
    expect(JSON.parse).toBe(engine.parse);
    expect(Function.prototype.toString).toBe(engine.toString);
    expect(Array.prototype.includes).toBe(engine.includes);
    expect(String.prototype.replace).toBe(engine.replace);
    // What pdf.js adds for itself where the engine lacks it stays: it calls it.
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe('function');
    // A second report is read by pdf.js as loaded, with the engine's methods back.
    const again = await readPdf('again.pdf', bytes);
    expect(again.text).toBe(doc.text);
  });
});
