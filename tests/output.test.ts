import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyAtomic, removeFolder, writeAtomic } from '../packages/cli/src/output.ts';
import { runCli } from './run-cli.ts';

const posix = process.platform !== 'win32';

describe('writing an output file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crossfoot-output-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a plain file whole, leaving no temporary file beside it', () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old');
    writeAtomic(file, ['{"a":', new TextEncoder().encode('1'), '}']);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).trim().split('\n')).toEqual(['report.json']);
  });

  it.runIf(posix)('writes through a symbolic link, which stays a link', () => {
    const target = join(dir, 'target.json');
    const link = join(dir, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    writeAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    copyAtomic(target, link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it.runIf(posix && existsSync('/dev/null'))('writes to /dev/null without replacing the device', () => {
    writeAtomic('/dev/null', 'discarded');
    writeAtomic('/dev/null', ['in ', new TextEncoder().encode('pieces')]);
    const source = join(dir, 'a.txt');
    writeFileSync(source, 'copied');
    copyAtomic(source, '/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readFileSync('/dev/null', 'utf8')).toBe('');
  });

  it.runIf(posix)('writes into a named pipe as its reader reads it', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (d) => {
      read += d;
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    writeAtomic(fifo, ['{"findings":', '[]}']);
    await closed;
    expect(read).toBe('{"findings":[]}');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it.runIf(posix && existsSync('/dev/null'))('checks with -o /dev/null and leaves the device in place', async () => {
    const { code, stderr } = await runCli(['check', 'examples', '--format', 'json', '-o', '/dev/null'], process.cwd());
    expect(stderr).not.toMatch(/cannot write/);
    expect([0, 1]).toContain(code);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('removing a folder the run made', () => {
  it('removes one of files, one holding a folder, and a missing one without a word', () => {
    const base = mkdtempSync(join(tmpdir(), 'crossfoot-remove-'));
    try {
      const files = join(base, 'files');
      mkdirSync(files);
      for (const name of ['findings', '0.v8', '12.v8', '.hidden']) writeFileSync(join(files, name), name);
      removeFolder(files);
      expect(existsSync(files)).toBe(false);
      // Not only files: what `rmSync` removes, nested folders and all.
      const nested = join(base, 'nested');
      mkdirSync(join(nested, 'inner'), { recursive: true });
      writeFileSync(join(nested, 'a'), 'a');
      writeFileSync(join(nested, 'inner', 'b'), 'b');
      removeFolder(nested);
      expect(existsSync(nested)).toBe(false);
      expect(() => removeFolder(join(base, 'missing'))).not.toThrow();
      expect(readdirSync(base)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
