/**
 * How much of a report crossfoot reads and reports, so that no file can make a run crash, hang or flood its output.
 * Each limit, when reached, is a located finding on the file that reached it, never a crash. The config's `limits:`
 * section raises (or lowers) them.
 */
export interface Limits {
  /** Reports larger than this many megabytes are not read (`crossfoot/file-too-large`). */
  fileSizeMb: number;
  /** Rows read per table; the rest are left out (`crossfoot/too-many-rows`). */
  tableRows: number;
  /** Findings listed per file; one more finding says how many were left out (`crossfoot/too-many-findings`). */
  findingsPerFile: number;
  /** YAML aliases expanded per YAML report or front matter (a YAML "billion laughs" stops there). */
  yamlAliases: number;
  /** Nesting of YAML collections in reports and front matter. */
  nestingDepth: number;
  /** Seconds spent reading and checking one file; past it, the rest is not read or checked (`crossfoot/time-limit`). */
  secondsPerFile: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  fileSizeMb: 50,
  tableRows: 50_000,
  findingsPerFile: 1000,
  yamlAliases: 100,
  nestingDepth: 64,
  secondsPerFile: 60,
});

/** The config's `limits:` keys, as written in `crossfoot.config.yaml`. */
export const LIMIT_KEYS: Record<string, keyof Limits> = {
  'file-size-mb': 'fileSizeMb',
  'table-rows': 'tableRows',
  'findings-per-file': 'findingsPerFile',
  'yaml-aliases': 'yamlAliases',
  'nesting-depth': 'nestingDepth',
  'seconds-per-file': 'secondsPerFile',
};

/** The defaults with the config's `limits:` section (already schema-checked) on top. */
export function limitsFrom(section: Record<string, unknown> | undefined): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_KEYS)) {
    const value = section?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[name] = value;
  }
  return limits;
}
