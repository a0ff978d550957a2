import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'jiangzhou-transport');
const SEED = join(ROOT, 'examples', 'huaning-2018.txt');

const FIRST = ['江', '河', '青', '白', '金', '云', '松', '柳', '桃', '梅'];
const SECOND = ['州', '阳', '山', '城', '安'];

/** A distinct city for each issuer: 江州市, 河州市, … */
export function city(i: number): string {
  const name = `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
  const round = Math.floor(i / (FIRST.length * SECOND.length));
  return `${name}${round ? round + 1 : ''}市`;
}

const dirs: string[] = [];

/** Removes every corpus made so far (call in afterAll). */
export function removeCorpora(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function tempDir(prefix = 'crossfoot-audit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/**
 * A province's reports: for each of `issuers` transport bureaus, its 2023 and 2024 reports (the example's,
 * under the issuer's own city), so previous-report rules pair each 2024 report with its 2023 one. Every third
 * issuer lacks its 2023 report, and every fifth one has plain-text 2018 and 2019 reports beside them.
 */
export function makeCorpus(issuers: number, dir = tempDir()): string {
  const texts = sources();
  for (let i = 0; i < issuers; i++) writeIssuer(dir, i, texts, Number.POSITIVE_INFINITY);
  return dir;
}

/** Exactly `reports` reports, made issuer after issuer as `makeCorpus` makes them (the last issuer's may be cut short). */
export function makeReports(reports: number, dir = tempDir()): string {
  const texts = sources();
  for (let i = 0, made = 0; made < reports; i++) made += writeIssuer(dir, i, texts, reports - made);
  return dir;
}

interface Sources {
  y2023: string;
  y2024: string;
  seed: Buffer;
}

function sources(): Sources {
  return { y2023: readFileSync(join(EXAMPLE, '2023.md'), 'utf8'), y2024: readFileSync(join(EXAMPLE, '2024.md'), 'utf8'), seed: readFileSync(SEED) };
}

/** Issuer `i`'s reports, at most `room` of them; returns how many were written. */
function writeIssuer(dir: string, i: number, { y2023, y2024, seed }: Sources, room: number): number {
  const folder = join(dir, 'reports', `bureau-${String(i).padStart(3, '0')}`);
  mkdirSync(folder, { recursive: true });
  const name = city(i);
  const files: [string, string | Buffer][] = [['2024.md', y2024.replaceAll('江州市', name)]];
  if (i % 3 !== 2) files.push(['2023.md', y2023.replaceAll('江州市', name)]);
  if (i % 5 === 0) files.push(['2018.txt', seed], ['2019.txt', seed.toString('utf8').replaceAll('2018', '2019')]);
  const written = files.slice(0, room);
  for (const [file, text] of written) writeFileSync(join(folder, file), text);
  return written.length;
}
