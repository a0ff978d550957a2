/**
 * V8's inlining budget, lowered for a long batch in the command's own process.
 *
 * Optimising a function, V8 inlines the functions it calls, up to 920 bytes of their bytecode. The readers and rules
 * are large functions calling many others, and their optimised graphs grew so large that compiling them took several
 * seconds of CPU on a run of 1,000 reports, on threads beside the checking ones: on two cores that time is taken from a
 * second checking thread. With 300 bytes, the same run spent 8–13 % less CPU: one thread was 2 % faster and two 12 %
 * (bench/NOTES.md).
 *
 * The flag is process-wide, so only the `crossfoot` command sets it (`BatchOptions.tuneCompiler`), never a program
 * that calls the library, and only for a run long enough to compile much (loading Node's v8 module costs a few ms).
 */
export const INLINING_FLAG = '--max-inlined-bytecode-size-cumulative=300';

/** Reports below which a run keeps V8's defaults: a short run compiles little, and its start matters more. */
export const TUNED_RUN = 48;

let tuned = false;

/** Lowers the inlining budget, once a process. */
export function capInlining(): void {
  if (tuned) return;
  tuned = true;
  (process.getBuiltinModule('node:v8') as typeof import('node:v8')).setFlagsFromString(INLINING_FLAG);
}
