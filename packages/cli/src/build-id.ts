import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint } from './fingerprint.ts';

/** Set by `build.mjs` in the bundle: a hash of the sources it was built from. */
declare const CROSSFOOT_BUILD: string | undefined;

/** The packages whose code decides what a report's findings are. */
const PACKAGES = ['core', 'adapters', 'formatters', 'cli'];

let stamp: string | undefined;

/**
 * Which code is running, for the cache key: the bundle's build hash, or, running from the sources, a hash of
 * their names, sizes and modification times, so editing crossfoot itself never reuses findings.
 */
export function buildId(): string {
  if (typeof CROSSFOOT_BUILD === 'string') return CROSSFOOT_BUILD;
  if (stamp) return stamp;
  const packages = fileURLToPath(new URL('../../', import.meta.url));
  const parts: string[] = [];
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs|json)$/.test(entry.name)) {
        const s = statSync(path);
        parts.push(`${path}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  for (const name of PACKAGES) {
    walk(join(packages, name, 'src'));
    walk(join(packages, name, 'schemas'));
  }
  stamp = `source:${fingerprint(parts.join('\n'))}`;
  return stamp;
}
