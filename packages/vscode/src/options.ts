import { join } from 'node:path';
import type { LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

/** The editor languages whose documents go to the server: Markdown, YAML, plain-text and HTML reports. */
export const LANGUAGES = ['markdown', 'yaml', 'plaintext', 'html'];

/** Saved files and unsaved buffers in those languages. */
export function documentSelector(): { scheme: string; language: string }[] {
  return LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/**
 * How to start the bundled server (`dist/server.js`) over `transport`: with the packs shipped beside it
 * (`dist/rules/`) as crossfoot's built-in packs.
 */
export function serverOptions(dist: string, transport: TransportKind, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const module = join(dist, 'server.js');
  const options = { env: { ...env, CROSSFOOT_BUILTIN_RULES: join(dist, 'rules') } };
  return {
    run: { module, transport, options },
    debug: { module, transport, options: { ...options, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}

export function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: documentSelector(),
    diagnosticCollectionName: 'crossfoot',
    // Changed settings are announced to the server, which then asks for each report's own (per folder).
    synchronize: { configurationSection: 'crossfoot' },
  };
}
