import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransportKind } from 'vscode-languageclient/node';
import { clientOptions, documentSelector, LANGUAGES, serverOptions } from '../src/options.ts';

const IPC = 1 as TransportKind;

describe('the client options', () => {
  it('send Markdown, YAML, plain-text and HTML documents, saved or not', () => {
    expect(LANGUAGES).toEqual(['markdown', 'yaml', 'plaintext', 'html']);
    expect(documentSelector()).toContainEqual({ scheme: 'file', language: 'plaintext' });
    expect(documentSelector()).toContainEqual({ scheme: 'untitled', language: 'markdown' });
    expect(clientOptions()).toMatchObject({ documentSelector: documentSelector(), synchronize: { configurationSection: 'crossfoot' } });
  });

  it('start the bundled server with the bundled packs as the built-in ones', () => {
    const dist = join('/', 'ext', 'dist');
    const options = serverOptions(dist, IPC, { PATH: '/usr/bin' }) as {
      run: { module: string; transport: TransportKind; options: { env: Record<string, string> } };
    };
    expect(options.run.module).toBe(join(dist, 'server.js'));
    expect(options.run.transport).toBe(IPC);
    expect(options.run.options.env).toEqual({ PATH: '/usr/bin', CROSSFOOT_BUILTIN_RULES: join(dist, 'rules') });
  });
});
