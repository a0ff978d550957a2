import { readFileSync } from 'node:fs';
import { readReport } from '@crossfoot/adapters';

const seed = readFileSync('../../examples/huaning-2018.txt', 'utf8');
for (const n of [100]) {
  const text = seed.repeat(n);
  const t = performance.now();
  readReport({ uri: 'a.txt', text, format: 'text' });
  console.log(n, (performance.now() - t).toFixed(0));
}
