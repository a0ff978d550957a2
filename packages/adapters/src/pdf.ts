import type { AdapterProblem, ReportDocument, ReportFormat } from '@crossfoot/core';
import { decode } from './decode.ts';
import { readDocx } from './docx.ts';
import { readReport } from './index.ts';
import type { ReadLimits } from './limits.ts';
import { layoutPdf, type PdfPageText, type PdfTextRun } from './pdf-layout.ts';
import { binaryProblem, pageList } from './pdf-problems.ts';
import { describeError, problem, startOfDocument } from './problems.ts';
import { emptyDocument, sortProblems } from './reading.ts';
import { parseText } from './text.ts';

export interface PdfOptions {
  /** Pages read at most; the rest are left with a `pdf-too-many-pages` warning. Default 500. */
  maxPages?: number;
  /** Milliseconds for the whole file; reading stops at the page where it runs out (`pdf-timeout`). Default 60 000. */
  timeoutMs?: number;
  /**
   * The local folder of the pdfjs-dist package (holding `cmaps/` and `standard_fonts/`, which Chinese PDFs whose fonts
   * are not embedded need). Default: where the installed package resolves from here; a bundle that cannot resolve it
   * should pass it. Nothing is ever fetched from the network.
   */
  pdfjsDist?: string;
}

export interface BinaryReportInput {
  /** Path relative to the working directory, forward slashes. */
  uri: string;
  /** The file's bytes, as read from disk. */
  bytes: Uint8Array;
  /** `pdf`, `docx`, or a text format; default: told from the bytes, then from the extension. */
  format?: ReportFormat;
  pdf?: PdfOptions;
  /** The config's limits (`readReport`); a deadline also bounds reading a PDF when `pdf.timeoutMs` is not given. */
  limits?: Partial<ReadLimits>;
}

const DEFAULT_MAX_PAGES = 500;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Reads a report file of any supported format from its bytes: PDF (`readPdf`) and Word (`readDocx`) directly,
 * every other format through `decode` and `readReport`. The format is the one given, else told from the bytes
 * (`%PDF-`, a ZIP or OLE container), else from the extension (`.pdf`, `.docx`, `.doc`). Never throws: what goes
 * wrong is a problem on the document.
 */
export async function readBinaryReport(input: BinaryReportInput): Promise<ReportDocument> {
  const uri = typeof input?.uri === 'string' ? input.uri : '';
  const bytes = input?.bytes instanceof Uint8Array ? input.bytes : new Uint8Array(0);
  try {
    const format = input.format ?? sniffFormat(bytes, uri);
    const deadline = input.limits?.deadline;
    if (format === 'pdf')
      return await readPdf(uri, bytes, deadline === undefined ? input.pdf : { timeoutMs: Math.max(0, deadline - Date.now()), ...input.pdf });
    if (format === 'docx') return await readDocx(uri, bytes);
    const decoded = decode(bytes);
    if ('problem' in decoded) {
      const doc = emptyDocument(uri, '', format ?? 'text');
      doc.problems.push(decoded.problem);
      return doc;
    }
    return readReport({ uri, text: decoded.text, format, limits: input.limits });
  } catch (error) {
    const doc = emptyDocument(uri, '', input?.format ?? 'text');
    doc.problems.push(internalProblem(error));
    return doc;
  }
}

/** `pdf` or `docx` from the bytes or, for an unrecognised container, the extension; else undefined (text). */
function sniffFormat(bytes: Uint8Array, uri: string): ReportFormat | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  const extension = /\.([a-z0-9]+)$/iu.exec(uri)?.[1]?.toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if ((zip || ole) && (extension === 'docx' || extension === 'doc' || extension === 'docm' || extension === undefined)) return 'docx';
  if (extension === 'pdf') return 'pdf';
  if (extension === 'docx') return 'docx';
  return undefined;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | undefined;

/**
 * pdf.js, loaded on first use. Its worker code runs in this thread: the worker module is loaded here and handed to
 * pdf.js (`globalThis.pdfjsWorker`, pdf.js's own hook), so nothing is looked up by path, bundled or not.
 */
function loadPdfJs(): Promise<PdfJs> {
  // pdf.js builds a DOMMatrix as it loads, for drawing pages only, and in Node takes the class from its optional canvas
  // package. A stand-in set first lets it load where that package is missing (a bundle, an install without optional
  // packages): reading text never uses one.
  const global = globalThis as { DOMMatrix?: unknown; ImageData?: unknown; Path2D?: unknown };
  global.DOMMatrix ??= class DOMMatrix {};
  global.ImageData ??= class ImageData {};
  global.Path2D ??= class Path2D {};
  // Where that package is missing, pdf.js also warns about it as it loads, a message about drawing that means nothing
  // to someone checking a report: those warnings are held back while it loads.
  // The adapters know no platform's globals (no DOM, no Node types): the console is taken as it is found.
  const console = (globalThis as unknown as { console: { warn: (...args: unknown[]) => void } }).console;
  const log = console.warn;
  const quiet = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('Warning: Cannot '))) log(...args);
  };
  loading ??= (async () => {
    console.warn = quiet;
    const natives = builtIns();
    try {
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
      const global = globalThis as { pdfjsWorker?: unknown };
      global.pdfjsWorker ??= worker;
      return pdfjs;
    } finally {
      if (console.warn === quiet) console.warn = log;
      restoreBuiltIns(natives);
    }
  })();
  return loading;
}

/**
 * The objects whose methods the legacy build of pdf.js (the one that runs on Node 20) may replace as it loads: it
 * carries core-js, which puts its own versions, written in JavaScript, in place of engine methods it finds wanting for
 * some edge case. On Node 20 it replaced `Array.prototype.push` (for a V8 bug with arrays whose length is read-only),
 * `JSON.parse` and `JSON.stringify` (for a proposal that gives a reviver the source text) and
 * `Function.prototype.toString`, for the whole process: once a report was read from a PDF, every other report's
 * reading, rules and JSON findings ran through them. On 100 PDF reports, `push` alone took 9 % of the run.
 */
function builtInObjects(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
  return [
    Array.prototype,
    JSON,
    Function.prototype,
    Object,
    Object.prototype,
    String.prototype,
    RegExp.prototype,
    Number,
    Number.prototype,
    Math,
    Promise,
    Promise.prototype,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    typedArray,
    Uint8Array,
    Uint8Array.prototype,
    ArrayBuffer.prototype,
  ];
}

/** Every property of `builtInObjects` as it is now, to put back what pdf.js replaces (`restoreBuiltIns`). */
function builtIns(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  const saved = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (const target of builtInObjects()) {
    const properties = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (descriptor) properties.set(key, descriptor);
    }
    saved.set(target, properties);
  }
  return saved;
}

/**
 * Puts back each property `saved` had whose value pdf.js replaced while loading: the engine's methods. What it added
 * (`Promise.withResolvers`, `Map.prototype.getOrInsertComputed` …, which it uses and Node 20 lacks) stays.
 */
function restoreBuiltIns(saved: Map<object, Map<PropertyKey, PropertyDescriptor>>): void {
  for (const [target, properties] of saved) {
    for (const [key, before] of properties) {
      const now = Reflect.getOwnPropertyDescriptor(target, key);
      if (now && (!Object.is(now.value, before.value) || now.get !== before.get || now.set !== before.set)) Reflect.defineProperty(target, key, before);
    }
  }
}

/** The file URL of a file inside an installed package, or undefined where modules cannot be resolved. */
function packageUrl(specifier: string): string | undefined {
  try {
    const meta = import.meta as unknown as { resolve?: (specifier: string) => string };
    return meta.resolve?.(specifier);
  } catch {
    return undefined;
  }
}

/**
 * A folder with pdf.js's `cmaps/`, `standard_fonts/` and `wasm/` named by `CROSSFOOT_PDFJS_DIST`: how a bundle that
 * ships without node_modules (the GitHub Action) says where it put them. Undefined where there is no environment.
 */
function configuredPdfjsDist(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.CROSSFOOT_PDFJS_DIST || undefined;
}

/** The installed pdfjs-dist package's folder, as a path ending in `/`, or undefined where it cannot be resolved. */
function pdfjsDistFolder(): string | undefined {
  const url = packageUrl('pdfjs-dist/package.json');
  if (!url?.startsWith('file:')) return undefined;
  let path = decodeURIComponent(url.replace(/^file:\/\/[^/]*/u, '').replace(/[^/]*$/u, ''));
  if (/^\/[A-Za-z]:\//u.test(path)) path = path.slice(1);
  return path;
}

/**
 * PDF bytes → ReportDocument, without OCR and without any network: the text runs pdf.js finds on each page are
 * laid out as `pdftotext -layout` prints them (`layoutPdf`) and read by the plain-text adapter, so tables come out
 * by alignment. `text` is that layout, pages separated by a form feed; ranges point into it. Never throws: an
 * encrypted, damaged or scanned file is a problem on an empty document.
 */
export async function readPdf(uri: string, bytes: Uint8Array, options: PdfOptions = {}): Promise<ReportDocument> {
  const fail = (problem: AdapterProblem) => {
    const doc = emptyDocument(uri, '', 'pdf');
    doc.problems.push(problem);
    return doc;
  };
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  const left = () => timeoutMs - (Date.now() - started);

  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (error) {
    return fail(internalProblem(error));
  }
  const dist = options.pdfjsDist ?? configuredPdfjsDist() ?? pdfjsDistFolder();
  const folder = (name: string) => (dist ? `${dist.replace(/[\\/]*$/u, '/')}${name}/` : undefined);
  const cMapUrl = folder('cmaps');
  const standardFontDataUrl = folder('standard_fonts');
  const wasmUrl = folder('wasm');
  // pdf.js takes over the buffer it is given: hand it a copy, a plain Uint8Array (not a Buffer).
  let task: ReturnType<PdfJs['getDocument']>;
  try {
    task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      enableXfa: false,
      ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
      ...(standardFontDataUrl ? { standardFontDataUrl } : {}),
      ...(wasmUrl ? { wasmUrl } : {}),
    });
  } catch (error) {
    return fail(binaryProblem('pdf-corrupt', { detail: describeError(error) }));
  }
  const problems: AdapterProblem[] = [];
  try {
    let pdf: Awaited<typeof task.promise>;
    try {
      pdf = await within(task.promise, left());
    } catch (error) {
      if (error instanceof Timeout) return fail(binaryProblem('pdf-timeout', { seconds: Math.round(timeoutMs / 1000), page: 1 }));
      if ((error as { name?: string })?.name === 'PasswordException') return fail(binaryProblem('pdf-encrypted'));
      return fail(binaryProblem('pdf-corrupt', { detail: describeError(error) }));
    }

    const count = Math.min(pdf.numPages, maxPages);
    if (pdf.numPages > maxPages) problems.push(binaryProblem('pdf-too-many-pages', { pages: pdf.numPages, limit: maxPages }));
    const pages: PdfPageText[] = [];
    const unreadable: number[] = [];
    let unknownChars = 0;
    let chars = 0;
    for (let n = 1; n <= count; n++) {
      if (left() <= 0) {
        problems.push(binaryProblem('pdf-timeout', { seconds: Math.round(timeoutMs / 1000), page: n }));
        break;
      }
      try {
        const page = await within(pdf.getPage(n), left());
        const viewport = page.getViewport({ scale: 1 });
        const content = await within(page.getTextContent(), left());
        const runs: PdfTextRun[] = [];
        for (const item of content.items) {
          if (!('str' in item) || item.str === '') continue;
          const m = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
          const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = m;
          // Upright horizontal text only: rotated watermarks and vertical text are not read.
          if (!(a > 0 && d < 0 && Math.abs(b) <= 0.1 * a && Math.abs(c) <= 0.1 * -d)) continue;
          runs.push({ text: item.str, x, y, width: item.width * (viewport.scale || 1), size: -d });
          for (const ch of item.str) {
            const cp = ch.codePointAt(0) as number;
            if (cp <= 32) continue;
            chars++;
            if (cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) unknownChars++;
          }
        }
        pages.push({ width: viewport.width, height: viewport.height, runs });
        page.cleanup();
      } catch (error) {
        if (error instanceof Timeout) {
          problems.push(binaryProblem('pdf-timeout', { seconds: Math.round(timeoutMs / 1000), page: n }));
          break;
        }
        unreadable.push(n);
        pages.push({ width: 0, height: 0, runs: [] });
      }
    }

    const layout = layoutPdf(pages);
    if (unreadable.length > 0) problems.push(binaryProblem('pdf-page-unreadable', { pages: pageList(unreadable) }));
    if (layout.text.trim() === '') {
      if (unreadable.length === pages.length && pages.length > 0) return fail(binaryProblem('pdf-corrupt', { detail: 'no page could be read' }));
      const doc = emptyDocument(uri, '', 'pdf');
      doc.problems.push(...problems);
      // Pages not read for lack of time may have text.
      if (!problems.some((p) => p.code === 'pdf-timeout')) doc.problems.push(binaryProblem('pdf-no-text'));
      return doc;
    }
    const blank = layout.empty.filter((p) => !unreadable.includes(p));
    if (blank.length > 0) problems.push(binaryProblem('pdf-pages-without-text', { pages: pageList(blank) }));
    if (chars > 0 && unknownChars / chars > 0.1) problems.push(binaryProblem('pdf-garbled-text', { share: Math.round((100 * unknownChars) / chars) }));

    const doc = parseText(uri, layout.text);
    doc.format = 'pdf';
    doc.problems.push(...problems);
    sortProblems(doc.problems);
    return doc;
  } catch (error) {
    return fail(internalProblem(error));
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/**
 * The page of a line of a PDF document's text (1-based), counting the form feeds that start its pages:
 * diagnostics point at lines of the extracted text, and this says on which page of the PDF that line is.
 */
export function pageOfLine(text: string, line: number): number {
  let page = 1;
  let n = 1;
  for (let i = 0; i < text.length && n <= line; i++) {
    const c = text.charCodeAt(i);
    if (c === 12) page++;
    else if (c === 10) n++;
  }
  return page;
}

// Timers exist in every JavaScript runtime the adapters run in; the adapters' type library leaves them out.
declare const setTimeout: (handler: () => void, ms: number) => unknown;
declare const clearTimeout: (timer: unknown) => void;

class Timeout extends Error {}

/** The promise, or a `Timeout` rejection after `ms` milliseconds. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  // What is given up on may still fail later: that is expected, not an unhandled rejection.
  promise.catch(() => undefined);
  if (ms <= 0) return Promise.reject(new Timeout());
  let timer: unknown;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function internalProblem(error: unknown): AdapterProblem {
  return problem('internal', startOfDocument, { detail: describeError(error) });
}
