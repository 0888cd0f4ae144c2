/**
 * One input file → what the index stores for it: report metadata, passages, facts, and the search tokens of
 * each indexed field. Runs in the indexing process for a few files, in worker threads for many (pool.ts).
 */
import type { Sidecar } from '../ingest/metadata.js';
import { ingestFile } from '../ingest/formats.js';
import { extractFacts } from '../facts/extract.js';
import { passageTokens, type PassageTokens } from './search.js';
import type { FileRecord } from './store.js';

export interface ReadRequest { doc: string; hash: string; bytes: Uint8Array; sidecar?: Sidecar }

export interface ReadResult {
  doc: string;
  file?: FileRecord;
  /** Each passage's tokens, so the search index does not tokenize again. */
  tokens?: PassageTokens[];
  reason?: string;
}

export async function readReport(req: ReadRequest): Promise<ReadResult> {
  try {
    const { meta, passages } = await ingestFile(req.doc, req.bytes, req.sidecar);
    const facts = extractFacts(passages, meta);
    const titles = new Map<string, string[]>();
    const tokens = passages.map((p) => passageTokens(p, titles));
    return { doc: req.doc, file: { doc: req.doc, hash: req.hash, meta, passages, facts }, tokens };
  } catch (e) {
    return { doc: req.doc, reason: (e as Error).message };
  }
}
