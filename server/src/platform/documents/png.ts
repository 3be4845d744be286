/**
 * A minimal PNG encoder for opaque RGB images. Charts are drawn on white, so an alpha channel carries nothing; without
 * one pdfkit embeds the compressed rows as they are, where for RGBA it decodes every pixel in JavaScript to split the
 * alpha out (most of a report's rendering time), and the files are smaller in both formats.
 */
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes straight (not premultiplied) RGBA pixels, row-major, as an 8-bit RGB PNG composited over white. Rows use
 * the Sub filter, which suits the flat colours of charts.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('encodeOpaquePng: the pixels do not match the size');
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const px = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub: each byte minus the same channel of the pixel to its left
    let left0 = 0;
    let left1 = 0;
    let left2 = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3] ?? 255;
      for (let c = 0; c < 3; c++) {
        const v = rgba[i + c] ?? 0;
        px[c] = alpha === 255 ? v : Math.round((v * alpha + 255 * (255 - alpha)) / 255);
      }
      const o = row + 1 + x * 3;
      const [r = 0, g = 0, b = 0] = px;
      raw[o] = (r - left0) & 0xff;
      raw[o + 1] = (g - left1) & 0xff;
      raw[o + 2] = (b - left2) & 0xff;
      left0 = r;
      left1 = g;
      left2 = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB, no alpha
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
