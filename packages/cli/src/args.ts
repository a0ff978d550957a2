import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CrossfootError, type Locale } from '@crossfoot/core';
import { type FormatterName, formatterNames } from '@crossfoot/formatters/names';

export class UsageError extends CrossfootError {
  constructor(message: string) {
    super('usage', message);
  }
}

type Parsed<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function localeOf(value: unknown): Locale | undefined {
  if (value === undefined) return undefined;
  if (value === 'zh-CN' || value === 'en') return value;
  throw new UsageError(`--locale must be zh-CN or en, not "${String(value)}"`);
}

export function positiveInt(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} must be a whole number${min ? ` ≥ ${min}` : ''}, not "${value}"`);
  return Number(value);
}

export function formatName(value: string): FormatterName {
  if (!formatterNames.includes(value as FormatterName)) throw new UsageError(`unknown format "${value}"; expected one of ${formatterNames.join(', ')}`);
  return value as FormatterName;
}
