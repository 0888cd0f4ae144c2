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
  return ingestLines(doc, cleanLines(text), 'text', sidecar, text.slice(0, PAGE_HEAD));
}

export function ingestLines(
  doc: string,
  lines: Line[],
  format: ReportMeta['format'],
  sidecar?: Sidecar,
  page?: string,
): IngestedReport {
  const folded = foldLines(lines);
  const traditional = isTraditional(lines);
  const analysed = traditional ? simplifyLines(folded) : folded;
  const framed = segment(analysed);
  // No 各位代表 and no numbered heading: a summary, a notice, a breakdown — report text all the same.
  const blocks = dropRepeats(
    framed.some((b) => BODY.has(b.kind)) ? framed : segment(analysed, { bodyFromStart: true }),
  );
  if (traditional || analysed.some((l, i) => l.text !== lines[i]?.text)) restoreOriginals(blocks, lines, analysed);
  // A file with no report text is told so first: that it also names no place or year is beside the point.
  if (!hasReportText(blocks)) throw new UnreadableFile(NO_BODY);
  const meta = inferMeta(doc, blocks, format, sidecar, page);
  const passages = toPassages(blocks, meta);
  if (passages.length === 0) throw new UnreadableFile(NO_BODY);
  return { meta, passages };
}

/** How much of a page's own text (its chrome included) is kept for its dateline: see report-year.ts. */
export const PAGE_HEAD = 4000;

const BODY = new Set<Block['kind']>(['paragraph', 'item', 'table-row', 'glossary']);
/**
 * Report text is Chinese prose: at least one sentence of this many Chinese characters. A page of links, a login
 * form or an error page has none.
 */
const MIN_SENTENCE_HAN = 10;
/**
 * A report is written in Chinese: at least this share of its letters are Chinese characters. A README or a
 * licence in English that quotes a few Chinese names is not a report (a report's own chrome and pinyin
 * artifacts stay far below this).
 */
const MIN_HAN_SHARE = 0.3;
const NO_BODY = `no report text was found (no Chinese sentence of ${MIN_SENTENCE_HAN} characters or more, or less than ${MIN_HAN_SHARE * 100}% of its letters Chinese); is this a report?`;

function hasReportText(blocks: Block[]): boolean {
  const all = blocks.map((b) => b.text).join('');
  const han = all.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = all.match(/[A-Za-z]/g)?.length ?? 0;
  if (han < MIN_HAN_SHARE * (han + latin)) return false;
  // A table of indicators is report text too (a plan's 主要指标 table on its own).
  if (blocks.filter((b) => b.kind === 'table-row' && /\p{Script=Han}/u.test(b.text)).length >= 2) return true;
  return blocks.some(
    (b) =>
      BODY.has(b.kind) &&
      b.text
        .split(/(?<=[。！？!?；;])/u)
        .some((s) => /[。！？!?；;，,]/u.test(s) && (s.match(/\p{Script=Han}/gu)?.length ?? 0) >= MIN_SENTENCE_HAN),
  );
}

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
