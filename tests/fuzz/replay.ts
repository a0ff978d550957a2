// Regenerates one fuzz case (target, seed, index), writes its input, and runs it: `tsx tests/fuzz/replay.ts read 7 163`.
import { writeFileSync } from 'node:fs';
import { LONG, SHORT } from './mutate.ts';
import { Rng } from './rng.ts';
import { TARGETS } from './targets.ts';

const [target, seed, index, budget, out] = process.argv.slice(2);
const c = TARGETS[target as string]!(Rng.forCase(Number(seed), target as string, Number(index)), budget === 'long' ? LONG : SHORT);
console.log(c.describe, c.size);
if (out) writeFileSync(out, c.input);
const cpu = process.cpuUsage();
const violations = await c.run();
const used = process.cpuUsage(cpu);
console.log(violations, (used.user + used.system) / 1000, 'ms');
