// Reading QR codes back in tests, as a phone would: an SVG as the app draws it (qrcode's path of
// dark runs, one unit per module) drawn into pixels, or a PNG (a screenshot), then decoded by jsQR.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const PIXELS_PER_MODULE = 6;

/** The dark modules of qrcode's SVG: its `d` is M x y.5 (row start), m dx 0 (skip) and h n (a dark run). */
function darkModules(svg: string): { size: number; dark: Set<string> } {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]*)"/.exec(svg)?.[1];
  if (!size || d === undefined) throw new Error('not an SVG QR code from qrcode');
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') [x, y] = [n, Math.floor(Number(b))];
    else if (cmd === 'm') x += n;
    else {
      for (let i = 0; i < n; i += 1) dark.add(`${x + i},${y}`);
      x += n;
    }
  }
  return { size, dark };
}

/** Decodes the QR code in an SVG made by qrcode; null when it cannot be read. */
export function decodeQrSvg(svg: string): string | null {
  const { size, dark } = darkModules(svg);
  const side = size * PIXELS_PER_MODULE;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let py = 0; py < side; py += 1) {
    for (let px = 0; px < side; px += 1) {
      if (!dark.has(`${Math.floor(px / PIXELS_PER_MODULE)},${Math.floor(py / PIXELS_PER_MODULE)}`)) continue;
      const at = (py * side + px) * 4;
      rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

/** Decodes a QR code in a PNG image (a screenshot); null when none can be read. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
