import { readFileSync } from 'node:fs';
import { readReport } from '@crossfoot/adapters';
import { Session } from 'crossfoot';

const seed = readFileSync('../../examples/huaning-2018.txt', 'utf8');
const big = seed.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(seed)));
const session = await Session.create({ cwd: '/tmp' });
for (const [name, text] of [
  ['seed', seed],
  ['big', big],
] as const) {
  for (let i = 0; i < 2; i++) {
    let t = performance.now();
    const doc = readReport({ uri: 'a.txt', text, format: 'text' });
    const read = performance.now() - t;
    t = performance.now();
    const d = await session.checkDocument(doc, []);
    console.log(name, 'read', read.toFixed(0), 'check', (performance.now() - t).toFixed(0), d.length);
  }
}
