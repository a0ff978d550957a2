#!/usr/bin/env node
// Entry point. In a checkout the TypeScript sources run through tsx (no build step);
// a published package ships only the bundle build.mjs writes to dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/main.ts', import.meta.url);
let main;
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import(new URL('../dist/crossfoot-language-server.mjs', import.meta.url).href));
}
const status = main(process.argv.slice(2));
if (status !== undefined) process.exitCode = status;
