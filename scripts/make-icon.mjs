// Draws resources/icon.png (1024x1024): a stopwatch face in RunSignup-ish blue. Kept as code so
// the icon can be regenerated at any size without an image editor. electron-builder derives the
// Windows .ico and macOS .icns from this one PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 1024;
const rgba = Buffer.alloc(size * size * 4);
const c = size / 2;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = x - c, dy = y - c + 40, r = Math.hypot(dx, dy);
    const angle = Math.atan2(dy, dx);
    let px = [0, 0, 0, 0];
    const crown = Math.abs(dx) < 60 && y > 70 && y < 170;
    if (crown) px = [11, 61, 102, 255];
    if (r < 420) px = [11, 61, 102, 255];
    if (r < 360) px = [246, 247, 249, 255];
    const hand = Math.abs(dx) < 22 && dy < 0 && dy > -300; // minute hand pointing up
    const hand2 = Math.abs(angle - Math.PI / 6) < 0.05 && r < 240; // second hand
    if (hand || hand2 || r < 36) px = [255, 140, 0, 255];
    rgba.set(px, (y * size + x) * 4);
  }
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let i = 0; i < 8; i++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
const crc32 = (buf) => {
  let crc = 0xffffffff;
  for (const byte of buf) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, body) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
console.log(`resources/icon.png ${png.length} bytes`);
