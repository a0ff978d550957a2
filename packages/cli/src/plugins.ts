import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, CrossfootError, type Operator } from '@crossfoot/core';

/**
 * Loads the JavaScript plugins the user's own config names — and only those: packs are data and can
 * never bring code. A plugin module exports `operators`: custom json-rules-engine operators.
 */
export async function loadPlugins(cwd: string, config: Config | undefined): Promise<Record<string, Operator>> {
  const operators: Record<string, Operator> = {};
  if (!config) return operators;
  const base = dirname(resolve(cwd, config.file));
  for (const ref of config.plugins) {
    const path = resolve(base, ref);
    if (!existsSync(path)) throw new CrossfootError('plugin-not-found', `plugin "${ref}" not found (looked for ${path})`, config.file);
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      throw new CrossfootError('plugin-failed', `plugin "${ref}" could not be loaded: ${(error as Error).message}`, config.file);
    }
    const exported = (mod.operators ?? (mod.default as Record<string, unknown> | undefined)?.operators) as Record<string, unknown> | undefined;
    if (!exported || typeof exported !== 'object') throw new CrossfootError('plugin-invalid', `plugin "${ref}" exports no "operators" object`, config.file);
    for (const [name, fn] of Object.entries(exported)) {
      if (typeof fn !== 'function') throw new CrossfootError('plugin-invalid', `plugin "${ref}": operator "${name}" is not a function`, config.file);
      operators[name] = fn as Operator;
    }
  }
  return operators;
}
