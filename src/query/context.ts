/** /cite and the 上下文 button: the passage a citation id names, with its neighbours. */
import type { ReportIndex } from '../index/build.js';
import { QueryError, type CiteAnswer } from './answer.js';
import { citationOf, citeId, parseCiteId, reportCode } from './cite.js';

export function citePassage(index: ReportIndex, id: string): CiteAnswer {
  const parsed = parseCiteId(id);
  const meta = parsed && index.corpus.reports.find((r) => reportCode(r) === parsed.code);
  if (!parsed || !meta) {
    const codes = index.corpus.reports.map(reportCode);
    throw new QueryError('NOT_FOUND', `没有出处“${id}”。出处编号形如 徐汇25G-5,报告代码有:${codes.join('、')}。`, codes);
  }
  const passages = index.passagesOf(meta.doc);
  const at = passages.findIndex((p) => p.lines[0] <= parsed.line && parsed.line <= p.lines[1]);
  if (at < 0) throw new QueryError('NOT_FOUND', `${meta.title}第 ${parsed.line} 行不是报告正文。`);
  const passage = passages[at];
  const sentence = passage.sentences.find((s) => s.lines[0] <= parsed.line && parsed.line <= s.lines[1]);
  const lines = passage.lines;
  return {
    type: 'cite', citeId: citeId(meta, [parsed.line, parsed.line]), passage,
    citation: citationOf(meta, passage, lines, sentence?.page), before: passages[at - 1], after: passages[at + 1],
  };
}
