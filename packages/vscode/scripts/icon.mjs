#!/usr/bin/env node
// Draws the extension's icon (icon.png, 128×128): a column of figures under a double rule, the total
// below it, and a tick — a footed column. `node scripts/icon.mjs` rewrites it; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const BACKGROUND = [23, 74, 94];
const FIGURES = [236, 241, 244];
const RULE = [236, 241, 244];
const TOTAL = [245, 184, 65];
const TICK = [120, 214, 140];

/** Shapes in a 128-unit square, painted in order. */
const shapes = [
  { color: BACKGROUND, inside: (x, y) => roundedRect(x, y, 4, 4, 124, 124, 22) },
  // Three rows of figures, right-aligned as in a statement.
  { color: FIGURES, inside: (x, y) => roundedRect(x, y, 50, 22, 104, 32, 5) },
  { color: FIGURES, inside: (x, y) => roundedRect(x, y, 38, 40, 104, 50, 5) },
  { color: FIGURES, inside: (x, y) => roundedRect(x, y, 62, 58, 104, 68, 5) },
  // The double rule under the column, then the total.
  { color: RULE, inside: (x, y) => rect(x, y, 30, 76, 108, 79) },
  { color: RULE, inside: (x, y) => rect(x, y, 30, 83, 108, 86) },
  { color: TOTAL, inside: (x, y) => roundedRect(x, y, 44, 94, 104, 106, 6) },
  // The tick, left of the column.
  { color: TICK, inside: (x, y) => segment(x, y, 14, 46, 22, 56, 4.5) || segment(x, y, 22, 56, 36, 30, 4.5) },
];

function rect(x, y, x0, y0, x1, y1) {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function roundedRect(x, y, x0, y0, x1, y1, r) {
  if (!rect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function segment(x, y, ax, ay, bx, by, width) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= width * width;
}

/** RGBA rows, each prefixed with PNG filter type 0; edges anti-aliased by supersampling. */
function pixels() {
  const out = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) * 128) / SIZE;
          const y = ((py + (sy + 0.5) / SAMPLES) * 128) / SIZE;
          let color;
          for (const s of shapes) if (s.inside(x, y)) color = s.color;
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 255;
        }
      }
      const n = SAMPLES * SAMPLES;
      const covered = a / 255;
      const at = row + 1 + px * 4;
      out[at] = covered ? Math.round(r / covered) : 0;
      out[at + 1] = covered ? Math.round(g / covered) : 0;
      out[at + 2] = covered ? Math.round(b / covered) : 0;
      out[at + 3] = Math.round(a / n);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('../icon.png', import.meta.url)), png);
