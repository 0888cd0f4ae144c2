/**
 * One input file → what the index stores for it: report metadata, passages, facts, and the search tokens of
 * each indexed field. Runs in the indexing process for a few files, in worker threads for many (pool.ts).
 */
import type { Sidecar } from '../ingest/metadata.js';
import { ingestFile } from '../ingest/formats.js';
import { extractFacts } from '../facts/extract.js';
import { fieldTokens } from './search.js';
import type { FileRecord } from './store.js';

export interface ReadRequest { doc: string; hash: string; bytes: Uint8Array; sidecar?: Sidecar }

export interface ReadResult {
  doc: string;
  file?: FileRecord;
  /** Field + NUL + text → its tokens, so the search index does not tokenize again. */
  tokens?: [string, string[]][];
  reason?: string;
}

export async function readReport(req: ReadRequest): Promise<ReadResult> {
  try {
    const { meta, passages } = await ingestFile(req.doc, req.bytes, req.sidecar);
    const facts = extractFacts(passages, meta);
    const tokens = new Map<string, string[]>();
    for (const p of passages) {
      for (const [field, text] of [['text', p.text], ['sectionTitle', p.sectionTitle], ['term', p.term ?? '']]) {
        const key = `${field}\0${text}`;
        if (!tokens.has(key)) tokens.set(key, fieldTokens(text, field));
      }
    }
    return { doc: req.doc, file: { doc: req.doc, hash: req.hash, meta, passages, facts }, tokens: [...tokens] };
  } catch (e) {
    return { doc: req.doc, reason: (e as Error).message };
  }
}
