import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { detectFormat } from '@crossfoot/adapters';
import { CONFIG_FILES, type ReportFormat } from '@crossfoot/core';
import type { Session } from 'crossfoot';
import type { Settings } from './settings.ts';

const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];

/** Folders that never hold reports, as `crossfoot check` skips them. */
const TOOL_FOLDERS = new Set(['node_modules', '.git', '.github', 'dist']);

/** Editor language ids crossfoot reads reports in (Neovim calls plain text `text`). */
const LANGUAGES: Record<string, ReportFormat> = { markdown: 'markdown', yaml: 'yaml', plaintext: 'text', text: 'text', html: 'html' };

function within(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The nearest folder, from `dir` upward, that holds a crossfoot config. */
export function findConfigFolder(dir: string, exists: (path: string) => boolean = existsSync): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (CONFIG_FILES.some((name) => exists(join(d, name)))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The innermost workspace folder holding `path`. */
export function workspaceFolderOf(path: string, folders: string[]): string | undefined {
  return folders.filter((f) => within(f, path)).sort((a, b) => b.length - a.length)[0];
}

export interface SessionPlace {
  /** The session's working directory: config discovery, the project's `rules/` and report uris start there. */
  cwd: string;
  /** An explicit config file (absolute), from the settings. */
  config?: string;
  /** Packs from the settings, paths made absolute. */
  packs: string[];
}

function isPathLike(ref: string): boolean {
  return ref.startsWith('.') || isAbsolute(ref) || ref.includes('\\') || /\.(ya?ml|json)$/u.test(ref) || (ref.includes('/') && !ref.startsWith('@'));
}

/**
 * Where a document's session works from, the way `crossfoot check` run beside it would: the folder of the
 * configured config file, else of the nearest config upward from the document, else its workspace folder,
 * else its own folder. Settings' paths are relative to the workspace folder.
 */
export function sessionPlace(path: string | undefined, folders: string[], settings: Settings, exists: (path: string) => boolean = existsSync): SessionPlace {
  const dir = path ? dirname(path) : (folders[0] ?? process.cwd());
  const base = (path && workspaceFolderOf(path, folders)) ?? folders[0] ?? dir;
  const packs = settings.packs.map((p) => (isPathLike(p) ? resolve(base, p) : p));
  if (settings.config) {
    const config = resolve(base, settings.config);
    return { cwd: dirname(config), config, packs };
  }
  const cwd = findConfigFolder(dir, exists) ?? (path ? workspaceFolderOf(path, folders) : undefined) ?? dir;
  return { cwd, packs };
}

export function placeKey(place: SessionPlace, locale: string | undefined): string {
  return JSON.stringify([place.cwd, place.config ?? '', place.packs, locale ?? '']);
}

/** crossfoot's own files and folders that are never reports: configs, packs and their rules, tool folders. */
export function isToolFile(path: string, exists: (path: string) => boolean = existsSync): boolean {
  const name = basename(path);
  if (CONFIG_FILES.includes(name) || PACK_FILES.includes(name)) return true;
  if (path.split(/[\\/]/u).some((segment) => TOOL_FOLDERS.has(segment))) return true;
  const dir = dirname(path);
  return PACK_FILES.some((f) => exists(join(dir, f)));
}

/** Whether a changed file can change how reports are checked: a config, or a file of a pack. */
export function isSetupFile(path: string, exists: (path: string) => boolean = existsSync): boolean {
  const name = basename(path);
  if (CONFIG_FILES.includes(name) || PACK_FILES.includes(name)) return true;
  return /\.(ya?ml|json|md)$/u.test(name) && PACK_FILES.some((f) => exists(join(dirname(path), f)));
}

/** A report's format: the editor's language when it is one crossfoot reads, else the file's extension or content. */
export function formatOf(languageId: string, name: string, text: string): ReportFormat | undefined {
  return LANGUAGES[languageId] ?? detectFormat(name, text);
}

/** Whether a file name has a report extension (`.md`, `.txt`, `.yaml`, `.html`, …). */
export function hasReportExtension(name: string): boolean {
  return detectFormat(basename(name), '') !== undefined;
}

/** A YAML file is taken for a report, when nothing lists it, only if it carries the report's keys. */
export function looksLikeYamlReport(text: string): boolean {
  return /^(?:meta|sections|tables)[ \t]*:/mu.test(text);
}

/** Whether the session's config names which files are reports. */
export function configSelects(session: Session): boolean {
  return !!session.config && (session.config.include.length > 0 || session.config.ignore.length > 0);
}

/**
 * One session (config, packs, checker) for one folder, with the report files its config selects,
 * listed once and again when files come and go.
 */
export class Project {
  private files: Promise<Set<string>> | undefined;
  private listedAt = 0;

  constructor(
    readonly session: Session,
    readonly place: SessionPlace,
  ) {}

  /** Forgets the listed files (a report was created, deleted or renamed). */
  forgetFiles(): void {
    this.files = undefined;
  }

  /** Whether a document is one of the reports this project checks. */
  async covers(path: string | undefined, format: ReportFormat, text: string): Promise<boolean> {
    if (!path) return true;
    if (isToolFile(path)) return false;
    if (!configSelects(this.session)) return format !== 'yaml' || looksLikeYamlReport(text);
    let listed = await this.list();
    if (!listed.has(resolve(path)) && Date.now() - this.listedAt > 2000) {
      // Maybe a file created since: list again, at most every two seconds.
      this.files = undefined;
      listed = await this.list();
    }
    return listed.has(resolve(path));
  }

  private list(): Promise<Set<string>> {
    if (!this.files) {
      this.listedAt = Date.now();
      this.files = this.session.files([]).then(
        (files) => new Set(files.map((f) => resolve(f.path))),
        () => new Set<string>(),
      );
    }
    return this.files;
  }
}
