/** One file → its report metadata and passages. The only entry point of the ingest stage. */
import type { Passage, ReportMeta } from '../types.js';
import { assertReadableText, decode, UnreadableFile } from './decode.js';
import { cleanLines, type Line } from './clean.js';
import { segment, type Block } from './segment.js';
import { inferMeta, type Sidecar } from './metadata.js';
import { toPassages } from './passages.js';
import { foldLines, isTraditional, restoreOriginals, simplifyLines } from './script.js';

export interface IngestedReport {
  meta: ReportMeta;
  passages: Passage[];
}

export function ingestText(doc: string, bytes: Uint8Array, sidecar?: Sidecar): IngestedReport {
  const { text } = decode(bytes);
  assertReadableText(text);
  return ingestLines(doc, cleanLines(text), 'text', sidecar);
}

export function ingestLines(
  doc: string,
  lines: Line[],
  format: ReportMeta['format'],
  sidecar?: Sidecar,
): IngestedReport {
  const folded = foldLines(lines);
  const traditional = isTraditional(lines);
  const analysed = traditional ? simplifyLines(folded) : folded;
  const blocks = dropRepeats(segment(analysed));
  if (traditional || analysed.some((l, i) => l.text !== lines[i]?.text)) restoreOriginals(blocks, lines, analysed);
  // A file with no report body is told so first: that it also names no place or year is beside the point.
  if (!blocks.some((b) => BODY.has(b.kind))) throw new UnreadableFile(NO_BODY);
  const meta = inferMeta(doc, blocks, format, sidecar);
  const passages = toPassages(blocks, meta);
  if (passages.length === 0) throw new UnreadableFile(NO_BODY);
  return { meta, passages };
}

const BODY = new Set<Block['kind']>(['paragraph', 'item', 'table-row', 'glossary']);
const NO_BODY = 'no report body was found (no paragraphs under a title or 各位代表); is this a report?';

/**
 * A web page saved with its report several times over (the full text, then page by page) is read once:
 * a paragraph already seen is dropped, so its citation points at the first copy. Headings stay, so a
 * paragraph that a page break split still sits under its own section.
 */
function dropRepeats(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    if (b.kind === 'heading' || b.kind === 'title' || b.kind === 'table-end' || b.text.length < 8) return true;
    if (seen.has(b.text)) return false;
    seen.add(b.text);
    return true;
  });
}
