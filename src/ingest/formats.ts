/** File type → ingest path. Plain text is decoded and cleaned; web pages and PDFs are reduced to text lines first. */
import { extname } from 'node:path';
import { ingestLines, ingestText, type IngestedReport } from './ingest.js';
import { cleanLines } from './clean.js';
import { htmlText } from './html.js';
import { pdfLines } from './pdf.js';
import { assertReadableText } from './decode.js';
import type { Sidecar } from './metadata.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.html', '.htm', '.pdf'];

export async function ingestFile(doc: string, bytes: Uint8Array, sidecar?: Sidecar): Promise<IngestedReport> {
  switch (extname(doc).toLowerCase()) {
    case '.html':
    case '.htm': {
      const text = htmlText(bytes);
      assertReadableText(text);
      return ingestLines(doc, cleanLines(text), 'html', sidecar);
    }
    case '.pdf': {
      const lines = await pdfLines(bytes);
      const text = lines.map((l) => l.text).join('\n');
      assertReadableText(text);
      const cleaned = cleanLines(text).map((l) => ({ ...l, page: lines[l.no - 1]?.page }));
      return ingestLines(doc, cleaned, 'pdf', sidecar);
    }
    default:
      return ingestText(doc, bytes, sidecar);
  }
}
