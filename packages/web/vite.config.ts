import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The page may load its own files and nothing else: no fetch, no XHR, no WebSocket, no third-party script,
 * style, font or image. Only in the built page: the dev server needs its live-reload connection.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "connect-src 'none'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'crossfoot-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/** A service worker that keeps every built file in a cache named after their contents, so the page works offline. */
function offlineServiceWorker(): Plugin {
  return {
    name: 'crossfoot-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const name of files) {
        const item = bundle[name]!;
        hash.update(name);
        hash.update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      const assets = ['./', ...files.map((f) => `./${f}`)];
      const source = `// Generated at build time: caches the page's own files for offline use; never contacts another origin.
const CACHE = 'crossfoot-${hash.digest('hex').slice(0, 16)}';
const ASSETS = ${JSON.stringify(assets)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('crossfoot-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))));
});
`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  define: { __VERSION__: JSON.stringify(version) },
  resolve: {
    // Checking runs in a Web Worker, which has no DOM: packages that ship a worker build (entity decoding in the
    // Markdown parser) must use it rather than their DOM-based browser build.
    conditions: ['worker', 'module', 'browser', 'development|production'],
    // The adapters decode bytes with iconv-lite, which needs Node's Buffer; the browser has TextDecoder.
    alias: { 'iconv-lite': fileURLToPath(new URL('./src/iconv-lite.ts', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
  server: { fs: { allow: ['../..'] } },
  plugins: [contentSecurityPolicy(), offlineServiceWorker()],
});
