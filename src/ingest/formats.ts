/** File type → ingest path. Plain text is decoded and cleaned; other formats are reduced to lines first. */
import { extname } from 'node:path';
import { ingestText, type IngestedReport } from './ingest.js';
import type { Sidecar } from './metadata.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md'];

export async function ingestFile(doc: string, bytes: Uint8Array, sidecar?: Sidecar): Promise<IngestedReport> {
  const ext = extname(doc).toLowerCase();
  switch (ext) {
    default:
      return ingestText(doc, bytes, sidecar);
  }
}
