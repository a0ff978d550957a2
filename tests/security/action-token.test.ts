import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The Action on a pull request from a fork: annotations and the job summary need no token; a token given for the
// optional check run goes only to the GitHub client, never to the log, the summary or an output.
const src = fileURLToPath(new URL('../../action/src/', import.meta.url));
const sources = readdirSync(src)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(`${src}${f}`, 'utf8') }));

describe('the Action and its token', () => {
  it('asks for no token by default: annotations and the summary work without one', () => {
    const action = parse(readFileSync(fileURLToPath(new URL('../../action/action.yml', import.meta.url)), 'utf8'));
    expect(action.inputs['github-token']).toMatchObject({ required: false, default: '' });
    expect(action.inputs['github-token'].description).toContain('annotations and the job summary need no token');
  });

  it('never passes the token to anything that prints: the log, annotations, the summary, outputs, errors', () => {
    const printing =
      /\bcore\.(info|debug|notice|warning|error|setFailed|setOutput|startGroup|exportVariable)\(|summary\.add|console\.|process\.(stdout|stderr)/;
    for (const { file, text } of sources) {
      text.split('\n').forEach((line, i) => {
        if (printing.test(line)) expect(`${file}:${i + 1}: ${line}`).not.toMatch(/token/i);
      });
    }
  });

  it('reads the token in one place and hands it only to the GitHub client', () => {
    const reads = sources.filter((s) => s.text.includes("getInput('github-token')"));
    expect(reads.map((s) => s.file)).toEqual(['inputs.ts']);
    const code = sources.filter((s) => s.file !== 'messages.ts');
    const uses = code.flatMap((s) =>
      s.text
        .split('\n')
        .filter((l) => /githubToken|\btoken\b/.test(l) && !/^\s*(\/\/|\/?\*)/.test(l))
        .map((l) => `${s.file}: ${l.trim()}`),
    );
    for (const use of uses)
      expect(use).toMatch(/inputs\.ts|getOctokit\(token|checksClient|token: (inputs\.githubToken|string)|options\.token|inputs\.githubToken/);
  });
});
