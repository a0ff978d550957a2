import { statSync } from 'node:fs';

/**
 * V8 tuned for a long batch in the command's own process: less inlining, no pretenuring, two compiler passes off, and
 * for many reports a heap that grows more slowly.
 *
 * Optimising a function, V8 inlines the functions it calls, up to 920 bytes of their bytecode. The readers and rules
 * are large functions calling many others, and their optimised graphs grew so large that compiling them took seconds
 * of CPU on a run of 1,000 reports, on threads beside the checking ones: on two cores that time is taken from a second
 * checking thread. A budget of 300 bytes took 8–13 % off the CPU of such a run, and 100 bytes a few per cent more.
 *
 * Pretenuring makes V8 allocate the objects of an allocation site straight in the old generation once enough of them
 * have survived a young collection. A report's model lives for the few milliseconds its check takes, so those objects
 * became old garbage that only a full collection frees: the heap grew to about four times what is live before one.
 * Without it, a run of 1,000 reports peaked about 9 % lower and was a few per cent faster (bench/NOTES.md).
 *
 * Two of the optimising compiler's passes, loop peeling and escape analysis, cost more compiling than their code
 * saved on such a run: without them 1,000 reports took about 5 % less time and 7 % less CPU, 500 reports (one thread)
 * 5 % less time, and the 5 MB report 1.76 → 1.70 s.
 *
 * The flags are process-wide, so only the `crossfoot` command sets them (`BatchOptions.tuneCompiler`), never a program
 * that calls the library, and only for a run long enough to compile much (loading Node's v8 module costs a few ms):
 * many reports, or a large one.
 *
 * A run tuned here also lets its young generation grow (`GROWING_FLAGS`), and turns the optimising compiler on
 * (`OPTIMISE`).
 */
export const BATCH_FLAGS = '--max-inlined-bytecode-size-cumulative=100 --no-allocation-site-pretenuring --no-turbo-loop-peeling --no-turbo-escape';

/**
 * V8's own growth of the young generation: doubled whenever a collection finds much of it alive. The command's bin
 * starts every run with a young generation that does not grow (bin/crossfoot.cjs, `startFlags`): on the
 * bench's machine memory a process touches for the first time costs about 12 µs a page, and a short run's collections
 * in 1 MB semi-spaces cost less than the pages of larger ones. A longer run collects more often in so small a young
 * generation than those pages cost: checking 5 reports took 349 → 322 ms with it kept small, 15 reports 487 → 483 ms,
 * 40 reports 676 → 691 ms (medians of 10–14 runs, alternated). From `GROWING_RUN` reports, and in any run with worker
 * threads (whose code is kept for one set of flags, `threadCodeVariant`), it grows again.
 */
export const GROWING_FLAGS = '--semi-space-growth-factor=2';

/** Reports from which a run lets its young generation grow (`GROWING_FLAGS`). */
export const GROWING_RUN = 20;

/** Sets `GROWING_FLAGS`: the young generation grows as V8 grows it (see there). */
export function letYoungGenerationGrow(): void {
  (process.getBuiltinModule('node:v8') as typeof import('node:v8')).setFlagsFromString(GROWING_FLAGS);
}

/**
 * Set beside `BATCH_FLAGS` for a run of many reports (`TUNED_RUN`), not for one large report.
 *
 * V8 lets the old generation grow by a factor of what a full collection left live before it collects again, a factor
 * of up to four chosen from how fast it collects. Taken early in a run, when little is live and collecting is quick,
 * that left a thread's heap growing for thousands of reports before its next full collection, so that a long run
 * peaked higher than a short one. A factor of 1.3 keeps the heap near what is live: 10,000 reports peaked 203 MiB
 * rather than 216–249 (1,000: 175–180 MiB either way, in the same time). One large report is the other way round:
 * what it reads stays live until it is checked, so a heap that grows slowly is collected whole again and again as
 * it grows (the 5 MB report: four full collections taking 180–240 ms rather than two taking 60–110 ms).
 *
 * The limit a full collection sets also adds the young generation's capacity (16 MB on the main thread) to what it
 * allows, and V8 starts marking only near it, so a long run's old generation still filled up with what the young
 * collections promoted: far past what a run of 1,000 reports ever reaches. Marking once a fifth of the way there
 * (`--incremental-marking-hard-trigger=20`) keeps the old generation near what is live: 10,000 reports in two threads
 * peaked at 155–159 MiB rather than 166 (1,000: 136–141 MiB either way; a tenth or a twentieth of the way kept no
 * less and took longer).
 */
export const MANY_REPORTS_FLAGS = '--heap-growing-percent=30 --incremental-marking-hard-trigger=20';

/**
 * Set beside `BATCH_FLAGS` for a run tuned by its bytes rather than its number of reports: a large report among few.
 *
 * What a large report reads stays live until it is checked, so the heap grows with it, and every full collection on
 * the way marks all of it again to free little. Left to V8, the old generation may grow to about four times what the
 * last full collection left live; the 5 MB report of the bench was collected whole a second time near its end (125 MB
 * live, 120–160 ms, `--trace-gc`). Five times lets it finish without that: over ten runs alternated with the flag and
 * without, 2.09 → 2.01 s on average and 2.61 → 2.45 s of CPU, peaking 241 MB rather than 244; the 1 MB report, and 45
 * small reports with it, within what runs vary by. V8 turns down code kept under other flags, this one among them, so
 * a thread of such a run keeps its code apart (`threadCodeVariant`).
 */
export const LARGE_REPORT_FLAGS = '--heap-growing-percent=400';

/**
 * The young generation of a worker thread checking reports, in MiB: 8 MiB semi-spaces where V8 lets them grow to 16 on
 * a 64-bit machine. A report's reading and checking makes a few MB that die within it, so a smaller nursery is
 * collected more often but copies no more: 1,000 reports in the same time, peaking 144–149 MiB rather than 160–165.
 * (The main thread's own is set when Node starts, before the command runs.)
 */
export const THREAD_YOUNG_GENERATION_MB = 24;

/**
 * The optimising compiler on. The command's bin starts a `check` with it off (bin/crossfoot.cjs, `optimiseLater`): a
 * short run ends before what it compiles repays it, one small report in 235 ms whole process rather than 246, 47
 * reports in 611 ms rather than 772, while 100 reports took 1,154 ms rather than 949. A run tuned here is long enough,
 * and so is any run with a report that is not text (`textOnly`), or one whose report lists `TUNED_RUN` reports (main.ts:
 * a run answered from its cache may render many reports' findings).
 */
export const OPTIMISE = '--turbofan';

/**
 * Reports read by crossfoot's own readers: Markdown, plain text and YAML. A PDF or a Word document is read by pdf.js or
 * mammoth, which do much more for each byte: 12 pages of PDF (167 KB) took 1.28 s with the optimising compiler and
 * 1.80 s without; an HTML page is read by parse5.
 */
const TEXT_REPORT = /\.(?:md|markdown|txt|text|ya?ml)$/i;

/** Whether every report at `paths` is one that a short run reads without the optimising compiler (`TEXT_REPORT`). */
export function textOnly(paths: Iterable<string>): boolean {
  for (const path of paths) if (!TEXT_REPORT.test(path)) return false;
  return true;
}

/** Sets `OPTIMISE`, for a run that is not tuned but has reports other than text (`textOnly`), or many to report. */
export function optimise(): void {
  (process.getBuiltinModule('node:v8') as typeof import('node:v8')).setFlagsFromString(OPTIMISE);
}

/** Reports from which a run is tuned (`worthTuning`): a short run compiles little, and its start matters more. */
export const TUNED_RUN = 48;

/** …or bytes of reports: one large report drives as much compiling (the 5 MB report of the bench: 1.86 → 1.74 s). */
export const TUNED_BYTES = 1 << 20;

/** Whether a run of `count` reports at `paths` is long enough to repay `tuneForBatch`: `TUNED_RUN` reports, or `TUNED_BYTES` of them. */
export function worthTuning(count: number, paths: Iterable<string>): boolean {
  if (count >= TUNED_RUN) return true;
  let bytes = 0;
  for (const path of paths) {
    bytes += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (bytes >= TUNED_BYTES) return true;
  }
  return false;
}

let tuned = false;

/**
 * Sets `BATCH_FLAGS` and `OPTIMISE`, once a process, with `MANY_REPORTS_FLAGS` for a run of `reports` from `TUNED_RUN`
 * on, and `LARGE_REPORT_FLAGS` for a shorter one (tuned for its bytes).
 */
export function tuneForBatch(reports: number): void {
  if (tuned) return;
  tuned = true;
  large = reports < TUNED_RUN;
  const flags = `${BATCH_FLAGS} ${GROWING_FLAGS} ${OPTIMISE} ${large ? LARGE_REPORT_FLAGS : MANY_REPORTS_FLAGS}`;
  (process.getBuiltinModule('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
}

/** Whether the flags set were those of a run tuned for its bytes (`LARGE_REPORT_FLAGS`). */
let large = false;

/** Whether this process has set `BATCH_FLAGS`: its worker threads keep their compiled code apart (bin/bundle.cjs). */
export function isTuned(): boolean {
  return tuned;
}

/**
 * Under which name a worker thread keeps the code V8 made of the command (bin/crossfoot-thread.cjs, bin/bundle.cjs):
 * V8 turns down code kept under other flags, the heap's growth among them, so each set of flags keeps its own.
 */
export function threadCodeVariant(): string {
  return tuned ? (large ? 'thread-tuned-large' : 'thread-tuned') : 'thread';
}

/** Forgets that the flags were set, so that a test can see them set again (V8 keeps them: tests mock the setting). */
export function forgetTuning(): void {
  tuned = false;
  large = false;
}
