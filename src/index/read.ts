/**
 * One input file → what the index stores for it: report metadata, passages, facts, and the search tokens of
 * each indexed field. Runs in the indexing process for a few files, in worker threads for many (pool.ts).
 */
import type { Sidecar } from '../ingest/metadata.js';
import { ingestFile } from '../ingest/formats.js';
import { replacementsIn } from '../ingest/decode.js';
import { extractFacts } from '../facts/extract.js';
import { passageTokens, type PassageTokens } from './search.js';
import type { FileRecord } from './store.js';

export interface ReadRequest {
  doc: string;
  hash: string;
  bytes: Uint8Array;
  sidecar?: Sidecar;
  /** Why the file was not read (a pipe, a link out of the folder, too large, …): it is reported, not ingested. */
  refused?: string;
}

export interface ReadResult {
  doc: string;
  file?: FileRecord;
  /** Each passage's tokens, so the search index does not tokenize again. */
  tokens?: PassageTokens[];
  reason?: string;
  /** Indexed, but with something the user should know. */
  warnings?: string[];
}

export async function readReport(req: ReadRequest): Promise<ReadResult> {
  if (req.refused) return { doc: req.doc, reason: req.refused };
  try {
    const { meta, passages } = await ingestFile(req.doc, req.bytes, req.sidecar);
    const facts = extractFacts(passages, meta);
    const titles = new Map<string, string[]>();
    const tokens = passages.map((p) => passageTokens(p, titles));
    const warnings = [...(meta.warnings ?? []), ...decodeWarnings(req.bytes)];
    return { doc: req.doc, file: { doc: req.doc, hash: req.hash, meta, passages, facts }, tokens, ...(warnings.length ? { warnings } : {}) };
  } catch (e) {
    return { doc: req.doc, reason: (e as Error).message };
  }
}

function decodeWarnings(bytes: Uint8Array): string[] {
  const n = replacementsIn(bytes);
  if (n === 0) return [];
  return [`${n} invalid byte sequence${n === 1 ? '' : 's'} replaced with U+FFFD (the file is damaged or not all in one encoding); text next to them may be incomplete`];
}
