/** /cite and the 上下文 button: the passage a citation id names, with its neighbours. */
import type { ReportIndex } from '../index/build.js';
import type { Passage, ReportMeta } from '../types.js';
import { QueryError, type CiteAnswer } from './answer.js';
import { citationOf, citeId, parseCiteId, reportCode } from './cite.js';

export function citePassage(index: ReportIndex, id: string): CiteAnswer {
  const parsed = parseCiteId(id);
  const meta = parsed && index.corpus.reports.find((r) => reportCode(r) === parsed.code);
  if (!parsed || !meta) {
    const codes = index.corpus.reports.map(reportCode);
    throw new QueryError(
      'NOT_FOUND',
      `没有出处“${id}”。出处编号形如 徐汇25G-5,报告代码有:${codes.join('、')}。`,
      codes,
    );
  }
  const passages = index.passagesOf(meta.doc);
  const at = passages.findIndex((p) => p.lines[0] <= parsed.line && parsed.line <= p.lines[1]);
  const head = at < 0 ? mastheadPassage(meta, parsed.line) : undefined;
  if (head) {
    return {
      type: 'cite',
      citeId: citeId(meta, head.lines),
      passage: head,
      citation: citationOf(meta, head, head.lines),
      after: passages[0],
    };
  }
  const passage = passages[at];
  if (!passage) throw new QueryError('NOT_FOUND', `${meta.title}第 ${parsed.line} 行不是报告正文。`);
  const sentence = passage.sentences.find((s) => s.lines[0] <= parsed.line && parsed.line <= s.lines[1]);
  const lines = passage.lines;
  return {
    type: 'cite',
    citeId: citeId(meta, [parsed.line, parsed.line]),
    passage,
    citation: citationOf(meta, passage, lines, sentence?.page),
    before: passages[at - 1],
    after: passages[at + 1],
  };
}

/** "谁作的报告" answers cite the masthead, which is not body text: /cite shows those lines as they are. */
function mastheadPassage(meta: ReportMeta, line: number): Passage | undefined {
  const m = meta.masthead;
  if (!m || line < m.lines[0] || line > m.lines[1]) return undefined;
  const base = {
    doc: meta.doc,
    district: meta.district,
    reportYear: meta.reportYear,
    section: '',
    sectionTitle: '',
    period: null,
  };
  return {
    ...base,
    id: `${meta.doc}#masthead`,
    kind: 'masthead',
    text: m.text,
    lines: m.lines,
    sentences: [{ text: m.text, lines: m.lines }],
    ordinal: -1,
  };
}
