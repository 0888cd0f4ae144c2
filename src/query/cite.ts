/**
 * Citations and their short ids. An id names the report (district, delivered year, kind letter) and the first
 * raw line, e.g. "徐汇25G-5": readable, and stable across rebuilds because it depends only on the file's text.
 *
 * An id must name one passage of one file, yet the same report may be there as a text file and as a web page,
 * PDF or Word file, whose line numbers differ. So a file that is not plain text adds a lowercase format letter
 * ("徐汇25Gh-12" for the web page): it depends only on the file itself, and plain-text ids (the shipped
 * reports') stay as they were. Two files of the same report in the same format are told apart by name: the
 * first by name keeps the plain code, each other one adds "~" and a short hash of its own file name.
 */
import { groupBy } from '../list.js';
import { createHash } from 'node:crypto';
import { reportKindOf } from '../ingest/metadata.js';
import { UNKNOWN, type Citation, type LineRange, type Passage, type ReportKind, type ReportMeta } from '../types.js';

const KIND_LETTERS: Record<ReportKind, string> = { work: 'G', plan: 'P', arrangement: 'A', budget: 'B', other: 'R' };

const FORMAT_LETTERS: Record<ReportMeta['format'], string> = { text: '', html: 'h', pdf: 'p', docx: 'w' };

/** The code without the duplicate marker: what two copies of one report in one format share. */
export function baseCode(meta: ReportMeta): string {
  // The short name people know (长宁), not the key that tells two places of that name apart (上海长宁): two
  // reports of two 朝阳区 share a base code and are told apart like two copies of one report, so ids stay short
  // and do not change when a place's key does.
  return `${meta.place?.short ?? meta.district}${meta.reportYear === null ? UNKNOWN : String(meta.reportYear).slice(2)}${KIND_LETTERS[reportKindOf(meta.kind)]}${FORMAT_LETTERS[meta.format] ?? ''}`;
}

export function reportCode(meta: ReportMeta): string {
  return `${baseCode(meta)}${meta.citeSuffix ?? ''}`;
}

/**
 * Gives each report whose base code another report already has (in file-name order) a suffix from its own
 * file name, and clears it from the rest, so that every report code in the index names one file. `only`: the
 * base codes whose reports came or went since the last call; the other reports keep the suffixes they have.
 */
export function assignCiteSuffixes(metas: ReportMeta[], only?: ReadonlySet<string>): void {
  const byCode = groupBy(only ? metas.filter((m) => only.has(baseCode(m))) : metas, baseCode);
  for (const group of byCode.values()) {
    group.sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
    const taken = new Set<string>();
    group.forEach((m, i) => {
      if (i === 0) {
        delete m.citeSuffix;
        return;
      }
      m.citeSuffix = nameSuffix(m.doc, taken);
      taken.add(m.citeSuffix);
    });
  }
}

/** "~" and the first hex digits of the name's hash, longer only if another copy already has that suffix. */
function nameSuffix(doc: string, taken: Set<string>): string {
  const hex = createHash('sha256').update(doc).digest('hex');
  for (let n = 4; ; n++) if (!taken.has(`~${hex.slice(0, n)}`)) return `~${hex.slice(0, n)}`;
}

export function citeId(meta: ReportMeta, lines: LineRange): string {
  return `${reportCode(meta)}-${lines[0]}`;
}

export function citationOf(
  meta: ReportMeta,
  passage: Passage,
  lines: LineRange = passage.lines,
  page?: number,
): Citation {
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
    marks: marks.map((m) => {
      const at = m ? text.indexOf(m) : -1;
      return at < 0 ? m : original.slice(at, at + m.length);
    }),
  };
}

/** Parses "徐汇25G-5" (or with a trailing "L") into the report code and the line. */
export function parseCiteId(id: string): { code: string; line: number } | null {
  const m = id.trim().match(/^(.+?)-L?(\d+)$/);
  if (!m) return null;
  const [, code = '', line = ''] = m; // both groups always take part in a match
  return { code, line: Number(line) };
}
