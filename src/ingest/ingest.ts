/** One file → its report metadata and passages. The only entry point of the ingest stage. */
import type { Passage, ReportMeta } from '../types.js';
import { assertReadableText, decode } from './decode.js';
import { cleanLines, type Line } from './clean.js';
import { segment } from './segment.js';
import { inferMeta, type Sidecar } from './metadata.js';
import { toPassages } from './passages.js';
import { isTraditional, restoreOriginals, simplifyLines } from './script.js';

export interface IngestedReport {
  meta: ReportMeta;
  passages: Passage[];
}

export function ingestText(doc: string, bytes: Uint8Array, sidecar?: Sidecar): IngestedReport {
  const { text } = decode(bytes);
  assertReadableText(text);
  return ingestLines(doc, cleanLines(text), 'text', sidecar);
}

export function ingestLines(doc: string, lines: Line[], format: ReportMeta['format'], sidecar?: Sidecar): IngestedReport {
  const traditional = isTraditional(lines);
  const analysed = traditional ? simplifyLines(lines) : lines;
  const blocks = segment(analysed);
  if (traditional) restoreOriginals(blocks, lines, analysed);
  const meta = inferMeta(doc, blocks, format, sidecar);
  return { meta, passages: toPassages(blocks, meta) };
}
