#!/usr/bin/env node
// Draws build/icon.png (1024×1024 RGBA): a ring on a rounded dark square. electron-builder turns this
// one PNG into the Linux icon set, the macOS .icns (which wants 1024 for its 512@2x slot) and the
// Windows .ico. Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const S = SIZE / 512; // the drawing below is in 512-unit coordinates

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
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of `size`×`size` RGBA pixels from `pixel(x, y) → [r, g, b, a]`. */
export function encodePng(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4); // each scanline starts with filter type 0
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Coverage of a shape whose signed distance (negative inside) is d: a one-pixel anti-aliased edge.
const cover = (d) => Math.min(1, Math.max(0, 0.5 - d));

function ringsidePixel(x, y) {
  const px = x + 0.5 - SIZE / 2;
  const py = y + 0.5 - SIZE / 2;
  // rounded square: half side 232, corner radius 96
  const qx = Math.abs(px) - (232 - 96) * S;
  const qy = Math.abs(py) - (232 - 96) * S;
  const square = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 96 * S;
  const r = Math.hypot(px, py);
  const ring = Math.abs(r - 150 * S) - 34 * S; // the ring: radius 150, 68 wide
  const hub = r - 44 * S; // the centre
  const bg = cover(square);
  const fg = Math.max(cover(ring), cover(hub)) * bg;
  const mix = (a, b) => Math.round(a * (1 - fg) + b * fg);
  return [mix(0x1b, 0xf5), mix(0x24, 0x9e), mix(0x33, 0x0b), Math.round(bg * 255)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = join(dirname(dirname(fileURLToPath(import.meta.url))), 'build', 'icon.png');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, encodePng(SIZE, ringsidePixel));
  console.log(`Wrote ${target}`);
}
