import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directWriter, mayBeTerminal } from '../packages/cli/src/io.ts';

const posix = process.platform !== 'win32';

/** A stand-in for Node's stream of stdout or stderr that keeps what it was given. */
function recorder() {
  const written: (string | Uint8Array)[] = [];
  return { written, stream: () => ({ write: (data: string | Uint8Array) => written.push(typeof data === 'string' ? data : Buffer.from(data)) }) };
}

describe("the command's stdout and stderr", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-io-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('write a file directly, in UTF-8, without making a stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { written, stream } = recorder();
    try {
      expect(mayBeTerminal(fd)).toBe(false);
      const out = directWriter(fd, stream);
      out('共检查 1 个文件');
      out('；报告已写入 out.json\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('共检查 1 个文件；报告已写入 out.json\n');
    expect(written).toEqual([]);
  });

  it.runIf(posix)('leave a device, which may be a terminal, to the stream', () => {
    const fd = openSync('/dev/zero', 'w');
    const { written, stream } = recorder();
    try {
      expect(mayBeTerminal(fd)).toBe(true);
      directWriter(fd, stream)('to the stream');
    } finally {
      closeSync(fd);
    }
    expect(written).toEqual(['to the stream']);
  });

  it.runIf(posix)('write to the null device directly, without making a stream', () => {
    const fd = openSync('/dev/null', 'w');
    const { written, stream } = recorder();
    const calls: number[] = [];
    const write = ((_fd: number, _bytes: Uint8Array, _offset: number, length: number) => {
      calls.push(length);
      return length;
    }) as typeof import('node:fs').writeSync;
    try {
      expect(mayBeTerminal(fd)).toBe(false);
      directWriter(fd, stream, write)('共检查 1 个文件\n');
    } finally {
      closeSync(fd);
    }
    expect(calls).toEqual([Buffer.byteLength('共检查 1 个文件\n')]);
    expect(written).toEqual([]);
  });

  it('leave a descriptor that cannot be looked at to the stream', () => {
    expect(mayBeTerminal(987_654)).toBe(true);
    const { written, stream } = recorder();
    directWriter(987_654, stream)('x');
    expect(written).toEqual(['x']);
  });

  it('hand what is left of a write that fails, and every later write, to the stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { written, stream } = recorder();
    const calls: number[] = [];
    // A full non-blocking pipe: the first write takes 4 bytes, the next fails.
    const write = ((_fd: number, _bytes: Uint8Array, offset: number, length: number) => {
      calls.push(offset);
      if (calls.length > 1) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
      return Math.min(4, length);
    }) as unknown as typeof import('node:fs').writeSync;
    try {
      const out = directWriter(fd, stream, write);
      out('报告abc');
      out('next');
    } finally {
      closeSync(fd);
    }
    expect(calls).toEqual([0, 4]);
    // '报' is 3 bytes and '告' 3 more: the stream gets the rest of '告' onwards, as bytes, then the next write as text.
    expect(written.map((w) => (typeof w === 'string' ? w : [...w]))).toEqual([[...Buffer.from('报告abc').subarray(4)], 'next']);
  });
});
