/** A small seeded generator (splitmix32): every fuzz case is a pure function of (run seed, target, case number). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A seed for case `i` of `target` in the run seeded `seed`. */
  static forCase(seed: number, target: string, i: number): Rng {
    let h = seed >>> 0;
    for (const c of `${target}#${i}`) h = Math.imul(h ^ (c.codePointAt(0) as number), 0x9e3779b1) >>> 0;
    return new Rng(h);
  }

  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 0x1_0000_0000) * n);
  }

  /** An integer in [min, max], small values more likely (sizes, counts). */
  size(min: number, max: number): number {
    const span = max - min;
    return min + Math.floor(span * (this.next() / 0x1_0000_0000) ** 3);
  }

  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}
