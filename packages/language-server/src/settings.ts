import type { Locale } from '@crossfoot/core';

/** The `crossfoot.*` settings an editor may send (workspace/configuration, initializationOptions, didChangeConfiguration). */
export interface Settings {
  /** Packs to use instead of the config's (ids, paths, npm packages). */
  packs: string[];
  /** A config file, instead of the one found upward from the report. */
  config?: string;
  locale?: Locale;
  /** How long to wait after a keystroke before checking, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_DEBOUNCE_MS = 200;

export const DEFAULT_SETTINGS: Settings = { packs: [], debounceMs: DEFAULT_DEBOUNCE_MS };

/** Whatever a client sent, as settings: unknown or mistyped values fall back to `base`. */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const out: Settings = { ...base };
  if (Array.isArray(r.packs)) out.packs = r.packs.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim());
  if (typeof r.config === 'string') {
    if (r.config.trim()) out.config = r.config.trim();
    else delete out.config;
  }
  if (r.locale === 'zh-CN' || r.locale === 'en') out.locale = r.locale;
  else if (r.locale === null || r.locale === '' || r.locale === 'auto') delete out.locale;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0) out.debounceMs = Math.min(r.debounceMs, 10_000);
  return out;
}
