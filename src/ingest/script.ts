/**
 * Full-width punctuation and traditional-character reports: lines are analysed in simplified spelling (so headings, periods, labels and
 * queries match), and every block gets back the report's own characters for excerpts and citations.
 */
import type { Line } from './clean.js';
import type { Block } from './segment.js';
import { toSimplified, traditionalShare } from '../text/chinese.js';

/** Above this share of traditional-only characters a report is written in traditional characters. */
const TRADITIONAL_SHARE = 0.02;

export function isTraditional(lines: Line[]): boolean {
  return traditionalShare(lines.map((l) => l.text).join('')) > TRADITIONAL_SHARE;
}

/**
 * Full-width punctuation (，；：！？（）) read as its ASCII form, one character for one, so that every rule
 * downstream sees one spelling; the report's own characters come back through restoreOriginals.
 */
export function foldLines(lines: Line[]): Line[] {
  return lines.map((l) => ({ ...l, text: foldWidth(l.text), ...(l.cells ? { cells: l.cells.map(foldWidth) } : {}) }));
}

export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function simplifyLines(lines: Line[]): Line[] {
  return lines.map((l) => ({
    ...l,
    text: toSimplified(l.text),
    ...(l.cells ? { cells: l.cells.map(toSimplified) } : {}),
  }));
}

/**
 * Sets block.original: the block's text in the report's characters, the same length as block.text. Each
 * piece is aligned with the simplified line it came from; a character that cannot be aligned (table cells
 * merged across lines) takes the spelling the report uses for it elsewhere, or stays as it is.
 */
export function restoreOriginals(blocks: Block[], original: Line[], simplified: Line[]): void {
  // `simplified` is `original` line for line. A report saved on one line is read as many pieces of the same
  // raw line: each line number's pieces are joined in order on both sides, so positions still correspond.
  const orig = new Map<number, string>();
  const simp = new Map<number, string>();
  const spelling = new Map<string, string>();
  original.forEach((l, k) => {
    const s = simplified[k]?.text ?? l.text;
    orig.set(l.no, (orig.get(l.no) ?? '') + l.text);
    simp.set(l.no, (simp.get(l.no) ?? '') + s);
    // Position by position in UTF-16 units, as simplification maps one unit to one unit.
    s.split('').forEach((ch, i) => {
      const was = l.text[i];
      if (was !== undefined && ch !== was) spelling.set(ch, was);
    });
  });
  for (const b of blocks) {
    let out = '';
    b.spans.forEach((span, i) => {
      const piece = b.text.slice(span.at, b.spans[i + 1]?.at ?? b.text.length);
      out += align(piece, simp.get(span.line) ?? '', orig.get(span.line) ?? '', spelling);
    });
    b.original = out;
  }
}

function align(piece: string, simplified: string, original: string, spelling: Map<string, string>): string {
  const at = simplified.indexOf(piece);
  if (at >= 0) return original.slice(at, at + piece.length);
  let out = '';
  let pos = 0;
  for (const ch of piece) {
    const j = ch.length === 1 ? simplified.indexOf(ch, pos) : -1;
    if (j >= 0 && j - pos < 8) {
      out += original[j];
      pos = j + 1;
    } else out += spelling.get(ch) ?? ch;
  }
  return out;
}
