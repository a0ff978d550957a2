import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '@crossfoot/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readReportBytes } from '../../packages/cli/src/read.ts';

const dir = mkdtempSync(join(tmpdir(), 'crossfoot-read-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function bytesOf(read: ReturnType<typeof readReportBytes>): Uint8Array {
  if ('doc' in read) throw new Error(`expected bytes, got ${read.doc.problems[0]?.code}`);
  return read.bytes;
}

describe("a batch thread's reports read into one block used again", () => {
  const a = file('a.md', '# 报告一\n\n| 项目 | 数量 |\n| --- | --- |\n| 合计 | 4 |\n');
  const b = file('b.md', '# 二\n');

  it('gives each text report its bytes, the next read taking the same memory', () => {
    const first = bytesOf(readReportBytes(a, 'a.md', undefined, true));
    expect(Buffer.from(first).equals(readFileSync(a))).toBe(true);
    const firstMemory = first.buffer;
    const second = bytesOf(readReportBytes(b, 'b.md', undefined, true));
    expect(Buffer.from(second).equals(readFileSync(b))).toBe(true);
    expect(second.buffer).toBe(firstMemory);
    // The first view now shows the second report's bytes where they overlap: a caller uses them before reading on.
    expect(first.subarray(0, second.length)).toEqual(second);
  });

  it('gives a PDF or Word report, read across awaits, bytes of its own', () => {
    const pdf = file('c.pdf', '%PDF-1.7\n%fake\n');
    const docx = file('named.txt', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 1, 2, 3));
    const readPdf = bytesOf(readReportBytes(pdf, 'c.pdf', undefined, true));
    const readDocx = bytesOf(readReportBytes(docx, 'named.txt', undefined, true));
    bytesOf(readReportBytes(a, 'a.md', undefined, true));
    expect(Buffer.from(readPdf).equals(readFileSync(pdf))).toBe(true);
    expect(Buffer.from(readDocx).equals(readFileSync(docx))).toBe(true);
  });

  it('reads a report larger than the block, an empty one and any without reuse into memory of its own', () => {
    const large = file('large.md', 'x'.repeat((1 << 20) + 5));
    const empty = file('empty.md', '');
    const reused = bytesOf(readReportBytes(a, 'a.md', undefined, true)).buffer;
    const big = bytesOf(readReportBytes(large, 'large.md', undefined, true));
    expect(big.length).toBe((1 << 20) + 5);
    expect(big.buffer).not.toBe(reused);
    expect(bytesOf(readReportBytes(empty, 'empty.md', undefined, true)).length).toBe(0);
    const plain = bytesOf(readReportBytes(a, 'a.md'));
    expect(plain.buffer).not.toBe(reused);
    bytesOf(readReportBytes(b, 'b.md', undefined, true));
    expect(Buffer.from(plain).equals(readFileSync(a))).toBe(true);
  });

  it('still turns a file over the size limit and a missing file into a located problem', () => {
    const over = readReportBytes(a, 'a.md', { ...DEFAULT_LIMITS, fileSizeMb: 1e-5 }, true);
    expect('doc' in over && over.doc.problems[0]?.code).toBe('file-too-large');
    const missing = readReportBytes(join(dir, 'none.md'), 'none.md', undefined, true);
    expect('doc' in missing && missing.doc.problems[0]?.code).toBe('unreadable');
  });
});
