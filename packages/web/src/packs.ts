import { type Pack, type PackHost, packLoader } from '@crossfoot/core';

/** Every file of the packs shipped with crossfoot, bundled into the page: `/rules/<pack>/<file>` → text. */
const sources = import.meta.glob(
  ['../../../rules/**/*.{yaml,yml,json,md}', '!**/node_modules/**', '!**/fixtures/**', '!**/test/**', '!**/package.json', '!**/README.md'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

export const PACK_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(sources).map(([path, text]) => [path.slice(path.indexOf('/rules/')), text]),
);

const dir = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Serves pack files from memory: ids resolve to `/rules/<id>`, relative paths to the referring file's folder. */
export function memoryHost(files: Record<string, string>): PackHost {
  return {
    resolvePack(ref, from) {
      const base = from ? dir(from) : '/';
      const path = ref.startsWith('/') ? normalize(ref) : ref.startsWith('.') ? normalize(base + ref) : `/rules/${ref}`;
      for (const candidate of [path, `${path}/pack.yaml`, `${path}/pack.yml`, `${path}/pack.json`]) if (candidate in files) return candidate;
      return undefined;
    },
    readFile: (path) => files[path],
    resolveRelative: (file, relative) => normalize(dir(file) + relative),
  };
}

/** Every bundled pack, by id, loaded as the command line loads the packs it finds under `rules/`. */
export function bundledPacks(files: Record<string, string> = PACK_FILES): Pack[] {
  const host = memoryHost(files);
  const ids = new Set<string>();
  for (const path of Object.keys(files)) {
    const m = /^\/rules\/([^/]+)\/pack\.(?:ya?ml|json)$/u.exec(path);
    if (m) ids.add(m[1]!);
  }
  // One loader for them all: the packs extending one base pack share its build, as the command's do.
  const load = packLoader(host);
  return [...ids].sort().map((id) => load(`/rules/${id}`));
}
