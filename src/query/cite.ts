/**
 * Citations and their short ids. An id names the report (district, delivered year, kind letter) and the first
 * raw line, e.g. "徐汇25G-5": readable, and stable across rebuilds because it depends only on the file's text.
 */
import type { Citation, LineRange, Passage, ReportMeta } from '../types.js';

const KIND_LETTERS: [RegExp, string][] = [[/政府工作报告/, 'G'], [/计划/, 'P'], [/安排/, 'A'], [/预算/, 'B']];

function kindLetter(kind: string): string {
  return KIND_LETTERS.find(([re]) => re.test(kind))?.[1] ?? 'R';
}

export function reportCode(meta: ReportMeta): string {
  return `${meta.district}${String(meta.reportYear).slice(2)}${kindLetter(meta.kind)}`;
}

export function citeId(meta: ReportMeta, lines: LineRange): string {
  return `${reportCode(meta)}-${lines[0]}`;
}

export function citationOf(meta: ReportMeta, passage: Passage, lines: LineRange = passage.lines, page?: number): Citation {
  const c: Citation = { doc: passage.doc, lines, title: meta.title, section: passage.section };
  const p = page ?? passage.sentences.find((s) => s.lines[0] >= lines[0])?.page;
  if (p !== undefined) c.page = p;
  return c;
}

/**
 * What a user is shown: the report's own characters (a traditional report was analysed in simplified
 * spelling), with the marks found in the analysed text moved to the same places.
 */
export function shown(text: string, original: string | undefined, marks: string[]): { text: string; marks: string[] } {
  if (!original || original.length !== text.length) return { text, marks };
  return {
    text: original,
    marks: marks.map((m) => { const at = m ? text.indexOf(m) : -1; return at < 0 ? m : original.slice(at, at + m.length); }),
  };
}

/** Parses "徐汇25G-5" (or with a trailing "L") into the report code and the line. */
export function parseCiteId(id: string): { code: string; line: number } | null {
  const m = id.trim().match(/^(.+?)-L?(\d+)$/);
  return m ? { code: m[1], line: Number(m[2]) } : null;
}
