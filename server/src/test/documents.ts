/** Test helpers that open rendered reports: the entries of a docx (zip), the text and images of a PDF (pdf.js). */
import yauzl from 'yauzl';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Every entry of a zip file, by name. */
export function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The text content of a docx part with the XML tags removed (runs joined, paragraphs on their own lines). */
export function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface PdfContent {
  pages: number;
  /** Text of each page, items joined without separators (CJK text has no spaces). */
  text: string[];
  /** Number of images painted on each page. */
  images: number[];
  info: Record<string, unknown>;
}

/** Parses a PDF with pdf.js (as a viewer would) and extracts its text and image count per page. */
export async function readPdf(buffer: Buffer): Promise<PdfContent> {
  const pdf = await getDocument({
    data: new Uint8Array(buffer),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const text: string[] = [];
    const images: number[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
      const ops = await page.getOperatorList();
      images.push(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length);
    }
    const meta = await pdf.getMetadata();
    return { pages: pdf.numPages, text, images, info: meta.info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
}
