// esbuild options every Node bundle the project ships shares (the command's, the language server's).

/** ESM files for Node 20, whitespace and syntax minified, UTF-8 kept as written, licences at the end of each file. */
export const NODE_BUNDLE = {
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
};

/** A `require` for CommonJS dependencies that call it for Node's own modules, which an ES module lacks. */
export const REQUIRE_BANNER = {
  js: "import { createRequire as __crossfootCreateRequire } from 'node:module';\nconst require = __crossfootCreateRequire(import.meta.url);",
};
