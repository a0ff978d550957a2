/**
 * How much longer a larger input takes than a smaller one, measured so that a busy machine cannot fake a quadratic
 * result: each size is timed several times and its fastest run kept (noise only ever adds time), and when the ratio
 * is over the bound the whole measurement is repeated. A really quadratic path exceeds the bound every time.
 */
export function growthRatio(run: (input: string) => void, small: string, large: string, bound: number, attempts = 5): number {
  const fastest = (input: string, runs: number) => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < runs; k++) {
      const start = performance.now();
      run(input);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  let ratio = Number.POSITIVE_INFINITY;
  for (let a = 0; a < attempts && ratio >= bound; a++) ratio = fastest(large, 3) / fastest(small, 5);
  return ratio;
}
