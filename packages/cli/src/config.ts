import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CrossfootError } from '@crossfoot/core';
import { lookAt } from './probe.ts';
import { toUri } from './uri.ts';

/** core's `CONFIG_FILES`, repeated so that finding the config does not load the config parser. */
const CONFIG_FILES = ['crossfoot.config.yaml', 'crossfoot.config.yml', 'crossfoot.config.json'];

export interface LocatedConfig {
  /** As the config's `file` reads: relative to the working directory when possible. */
  file: string;
  path: string;
  text: string;
}

/** The config file given, or the nearest `crossfoot.config.{yaml,yml,json}` upward from `cwd`, read but not parsed. */
export function locateConfig(cwd: string, explicit?: string): LocatedConfig | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    lookAt(path);
    if (!existsSync(path)) throw new CrossfootError('config-not-found', `config file not found: ${explicit}`);
    return { file: toUri(cwd, path) || path, path, text: readFileSync(path, 'utf8') };
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      lookAt(path);
      if (existsSync(path)) return { file: toUri(cwd, path) || path, path, text: readFileSync(path, 'utf8') };
    }
    if (dirname(dir) === dir) return undefined;
  }
}
