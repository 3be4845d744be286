/**
 * QR codes for trace codes and Digital Link URIs, with the `qrcode` package: PNG for download and print shops, SVG
 * for the web, and the module matrix for drawing straight into a PDF. Error correction M (15 %: survives a scuffed
 * label, keeps a Digital Link at a low version) and a 2-module quiet zone by default. Pure: no I/O.
 */
import QRCode from 'qrcode';

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrOptions {
  /** Image width in pixels (PNG) or user units (SVG), quiet zone included. Default 256. */
  size?: number;
  /** Quiet zone in modules. Default 2. */
  margin?: number;
  /** Default M. */
  errorCorrection?: QrErrorCorrection;
  /** Dark and light colours as #rrggbb. Default black on white. */
  dark?: string;
  light?: string;
}

const MAX_SIZE = 4096;

function resolve(text: string, opts: QrOptions) {
  if (text.length === 0) throw new RangeError('二维码内容不能为空 / QR text is empty');
  const size = opts.size ?? 256;
  if (!Number.isInteger(size) || size < 32 || size > MAX_SIZE) {
    throw new RangeError(`二维码尺寸应为 32-${MAX_SIZE} 的整数 / QR size must be an integer 32-${MAX_SIZE}`);
  }
  const margin = opts.margin ?? 2;
  if (!Number.isInteger(margin) || margin < 0 || margin > 16) {
    throw new RangeError('二维码留白应为 0-16 个模块 / QR margin must be 0-16 modules');
  }
  return {
    width: size,
    margin,
    errorCorrectionLevel: opts.errorCorrection ?? 'M',
    color: { dark: opts.dark ?? '#000000', light: opts.light ?? '#ffffff' },
  };
}

/** The QR code of `text` as a PNG. */
export async function qrPng(text: string, opts: QrOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...resolve(text, opts), type: 'png' });
}

/** The QR code of `text` as an SVG document (a string). */
export async function qrSvg(text: string, opts: QrOptions = {}): Promise<string> {
  return QRCode.toString(text, { ...resolve(text, opts), type: 'svg' });
}

/** The module matrix (true = dark), without quiet zone, for drawing the code with vector rectangles. */
export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'M'): boolean[][] {
  if (text.length === 0) throw new RangeError('二维码内容不能为空 / QR text is empty');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) === 1);
    rows.push(row);
  }
  return rows;
}
