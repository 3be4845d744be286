import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPng, qrSvg } from './qr.ts';

const URL = 'https://trace.example.cn/01/09520123456788/10/ABC123';

describe('qr', () => {
  it('makes a PNG of the requested width', async () => {
    const png = await qrPng(URL, { size: 300 });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(300); // IHDR width
    expect(png.readUInt32BE(20)).toBe(300);
  });

  it('makes an SVG with a 2-module quiet zone by default', async () => {
    const svg = await qrSvg(URL);
    const size = qrMatrix(URL).length;
    expect(svg).toContain('<svg');
    expect(svg).toContain(`viewBox="0 0 ${size + 4} ${size + 4}"`);
    expect(svg).toContain('width="256"');
  });

  it('uses error correction M by default (a higher level needs a larger symbol)', () => {
    const m = qrMatrix(URL).length;
    expect(qrMatrix(URL, 'H').length).toBeGreaterThan(m);
    expect(qrMatrix(URL, 'M')).toEqual(qrMatrix(URL));
    // Finder pattern: the top-left 7x7 corner is dark on its border.
    expect(qrMatrix(URL)[0]!.slice(0, 7).every(Boolean)).toBe(true);
  });

  it('rejects empty text and bad sizes with Chinese messages', async () => {
    await expect(qrPng('')).rejects.toThrow('二维码内容不能为空');
    await expect(qrSvg(URL, { size: 10 })).rejects.toThrow('二维码尺寸');
    await expect(qrPng(URL, { margin: -1 })).rejects.toThrow('二维码留白');
  });
});
