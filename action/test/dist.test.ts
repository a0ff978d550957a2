import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures.ts';

const BUILD = fileURLToPath(new URL('../build.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

describe('check-dist', () => {
  it('the committed action/dist is what the build makes of the current sources (else: pnpm build:action, and commit it)', () => {
    const fresh = tempDir('dist');
    execFileSync(process.execPath, [BUILD, fresh], { stdio: 'pipe' });
    expect(files(DIST)).toEqual(files(fresh));
    const differing = files(fresh).filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(DIST, f))));
    expect(differing, 'files of action/dist that differ from a fresh build').toEqual([]);
  });

  it('builds the same bundle twice', () => {
    const [a, b] = [tempDir('dist-a'), tempDir('dist-b')];
    execFileSync(process.execPath, [BUILD, a], { stdio: 'pipe' });
    execFileSync(process.execPath, [BUILD, b], { stdio: 'pipe', cwd: b });
    expect(readFileSync(join(a, 'index.js')).equals(readFileSync(join(b, 'index.js')))).toBe(true);
  });
});
