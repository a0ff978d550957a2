import configSchema from '../schemas/crossfoot.config.schema.json' with { type: 'json' };
import type { Locale } from './diagnostic.ts';
import type { SeverityOverride } from './engine.ts';
import { CrossfootError } from './errors.ts';
import { DEFAULT_LIMITS, type Limits, limitsFrom } from './limits.ts';
import { parseSource } from './source.ts';
import { validateSource } from './validate.ts';

export { configSchema };

export interface Config {
  /** The config file, as given. */
  file: string;
  packs: string[];
  include: string[];
  ignore: string[];
  locale?: Locale;
  rules: Record<string, SeverityOverride>;
  plugins: string[];
  /** The defaults with the config's `limits:` on top. */
  limits: Limits;
}

export const CONFIG_FILES = ['crossfoot.config.yaml', 'crossfoot.config.yml', 'crossfoot.config.json'];

/** Parses and validates `crossfoot.config.{yaml,yml,json}`; throws located CrossfootErrors. */
export function parseConfig(file: string, text: string): Config {
  const source = parseSource(file, text);
  if (source.data === null || source.data === undefined)
    return { file, packs: [], include: [], ignore: [], rules: {}, plugins: [], limits: { ...DEFAULT_LIMITS } };
  if (typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new CrossfootError('invalid-type', 'the config must be a mapping (packs, include, ignore, locale, rules)', file, source.rangeOf([]));
  }
  validateSource(source, configSchema, 'the config');
  const raw = source.data as Record<string, unknown>;
  return {
    file,
    packs: (raw.packs as string[] | undefined) ?? [],
    include: (raw.include as string[] | undefined) ?? [],
    ignore: (raw.ignore as string[] | undefined) ?? [],
    locale: raw.locale as Locale | undefined,
    rules: (raw.rules as Record<string, SeverityOverride> | undefined) ?? {},
    plugins: (raw.plugins as string[] | undefined) ?? [],
    limits: limitsFrom(raw.limits as Record<string, unknown> | undefined),
  };
}
