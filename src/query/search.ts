/** /search: ranked passages with the matched terms and a citation each. */
import type { ReportIndex } from '../index/build.js';
import { QueryError, type SearchAnswer } from './answer.js';
import { citationOf, citeId, shown } from './cite.js';
import { requireDistrict } from './resolve.js';

export interface SearchRequest {
  query: string;
  district?: string;
  year?: number;
  offset?: number;
  limit?: number;
}

export function search(index: ReportIndex, req: SearchRequest): SearchAnswer {
  const query = req.query.trim();
  if (!query) throw new QueryError('BAD_REQUEST', '请输入要搜索的词,例如:架空线入地');
  const district = req.district ? requireDistrict(req.district, index.corpus) : undefined;
  const hits = index.searchPassages(query, { district, year: req.year }, 200);
  const offset = req.offset ?? 0;
  const limit = req.limit ?? 5;
  return {
    type: 'search',
    query,
    district,
    year: req.year,
    total: hits.length,
    offset,
    hits: hits.slice(offset, offset + limit).map((h) => {
      const p = index.passage(h.id)!;
      const meta = index.report(p.doc)!;
      const seen = shown(p.text, p.original, surfaceMarks(p.text, h.terms));
      return {
        passageId: p.id,
        citeId: citeId(meta, p.lines),
        excerpt: seen.text,
        marks: seen.marks,
        citation: citationOf(meta, p),
        score: h.score,
      };
    }),
  };
}

/** Matched index terms are lower-cased words or bigrams; mark the longest spans of the text they cover. */
export function surfaceMarks(text: string, terms: string[]): string[] {
  const lower = text.toLowerCase();
  const covered = new Array<boolean>(text.length).fill(false);
  for (const t of terms) {
    let at = lower.indexOf(t);
    while (at >= 0) {
      for (let i = at; i < at + t.length; i++) covered[i] = true;
      at = lower.indexOf(t, at + t.length);
    }
  }
  const marks = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && covered[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      marks.add(text.slice(start, i));
      start = -1;
    }
  }
  return [...marks].filter((m) => m.length >= 2).sort((a, b) => b.length - a.length);
}
