/**
 * Blocks + metadata → passages: the units that are indexed, cited and mined for facts. Each passage knows its
 * section path and period; each sentence knows its raw line range.
 */
import type { Passage, Period, ReportMeta, Sentence } from '../types.js';
import { isProse, type Block, type Span } from './segment.js';
import { headingPeriod, kindOf, positionPeriod } from './periods.js';
import { reportKindOf } from './metadata.js';
import { first, last } from '../list.js';

interface OpenSection {
  level: number;
  text: string;
  period: Period | null;
  glossary: boolean;
}

export function toPassages(blocks: Block[], meta: ReportMeta): Passage[] {
  const stack: OpenSection[] = [];
  const passages: Passage[] = [];
  const defaultPeriod = documentPeriod(meta);
  // Top-level sections of a work report so far: one that names no period takes it from their order.
  const tops: (Period | null)[] = [];
  const workReport = reportKindOf(meta.kind) === 'work';
  // Outside any dated section (a news summary, a notice): the year the text last opened a sentence on.
  let narrative: Period | null = null;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      while (stack.length && last(stack).level >= b.level) stack.pop();
      const parent = stack.length ? last(stack).period : null;
      const top = b.level === 1 && !b.glossary;
      let period = headingPeriod(b.text, meta.reportYear, top ? previousTopPeriod(passages, parent) : parent);
      if (top && !period && workReport && meta.reportYear !== null)
        period = positionPeriod(meta.reportYear, tops.at(-1) ?? null, !tops.length);
      if (top) tops.push(period);
      stack.push({
        level: b.level,
        text: b.text,
        period: period ?? (b.level === 1 ? null : parent),
        glossary: Boolean(b.glossary) || Boolean(stack[0]?.glossary),
      });
      continue;
    }
    if (b.kind === 'table-end') {
      while (stack.length && last(stack).level >= 3) stack.pop();
      continue;
    }
    if (b.kind === 'title' && !isProse(b.text)) continue;
    const top = stack[stack.length - 1];
    const glossary = stack.some((s) => s.glossary);
    const ordinal = passages.length;
    const undated = !top?.period;
    // A passage that opens on its year ("2017年,江苏经济社会发展主要预期目标是…") is about that year.
    if (undated) narrative = openedPeriod(b.text.slice(0, OPENING_SPAN), meta.reportYear) ?? narrative;
    passages.push({
      id: `${meta.doc}#${ordinal}`,
      doc: meta.doc,
      district: meta.district,
      reportYear: meta.reportYear,
      section: stack.map((s) => s.text).join(' › '),
      sectionTitle: top?.text ?? '',
      period: glossary ? null : (top?.period ?? narrative ?? defaultPeriod),
      kind: glossary
        ? 'glossary'
        : b.kind === 'glossary' || b.kind === 'title'
          ? 'paragraph'
          : (b.kind as Passage['kind']),
      text: b.text,
      ...(b.original ? { original: b.original } : {}),
      lines: [first(b.spans).line, last(b.spans).line],
      sentences: b.kind === 'table-row' && b.text.length <= 60 ? [wholeSentence(b)] : splitSentences(b),
      cells: b.cells,
      header: b.header,
      term: b.term,
      ordinal,
    });
    if (undated) narrative = openedPeriod(b.text, meta.reportYear) ?? narrative;
  }
  return passages;
}

/** "2019年,在市委的坚强领导下…", "去年,全县…", "今年,…": a sentence opening on its year, in an undated text. */
const OPENED = /(?<![比较与同是到至从自于在\d])(?:((?:19|20)\d{2})年|(去年|过去的?一年)|(今年))[,，]/gu;
/** Where a passage's own opening is: its first words, before any other year is named. */
const OPENING_SPAN = 12;

function openedPeriod(text: string, reportYear: number | null): Period | null {
  let found: Period | null = null;
  for (const m of text.matchAll(OPENED)) {
    const year = m[1] ? Number(m[1]) : reportYear === null ? null : m[2] ? reportYear - 1 : reportYear;
    if (year === null) continue;
    const kind =
      m[2] || (reportYear !== null && year < reportYear) ? 'actual' : m[3] || reportYear !== null ? 'target' : null;
    if (kind) found = { year, kind };
  }
  return found;
}

/** A top-level heading with no year of its own ("三、全面加强政府自身建设") continues the plan before it. */
function previousTopPeriod(passages: Passage[], parent: Period | null): Period | null {
  if (parent) return parent;
  const last = passages[passages.length - 1];
  return last?.period?.kind === 'target' ? last.period : null;
}

function documentPeriod(meta: ReportMeta): Period | null {
  const kind = kindOf(meta.kind);
  if (kind === 'target' && meta.reportYear !== null) return { year: meta.reportYear, kind };
  return null;
}

function lineAt(spans: Span[], offset: number): Span {
  let found = first(spans, 'block');
  for (const s of spans) {
    if (s.at <= offset) found = s;
    else break;
  }
  return found;
}

function wholeSentence(b: Block): Sentence {
  return {
    text: b.text,
    ...(b.original ? { original: b.original } : {}),
    lines: [first(b.spans).line, last(b.spans).line],
    page: first(b.spans).page,
  };
}

// Sentence ends: 。!? and ;, with any closing quote kept; a bullet starts a new sentence.
const SENTENCE_END = /[。!?!?;;]+["”’」』)]*|(?=●)/g;

export function splitSentences(b: Block): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = b.text.slice(start, end);
    const lead = raw.length - raw.replace(/^[\s●]+/, '').length;
    const text = raw.trim().replace(/^●\s*/, '');
    if (text.length > 0 && /[\p{L}\p{N}]/u.test(text)) {
      const first = lineAt(b.spans, start + lead);
      const last = lineAt(b.spans, Math.max(start + lead, end - 1));
      const at = start + raw.length - raw.replace(/^\s*(●\s*)?/, '').length;
      const original = b.original?.slice(at, at + text.length);
      out.push({ text, ...(original ? { original } : {}), lines: [first.line, last.line], page: first.page });
    }
    start = end;
  };
  for (const m of b.text.matchAll(SENTENCE_END)) {
    const end = m.index! + m[0].length;
    if (end > start) push(end);
  }
  if (start < b.text.length) push(b.text.length);
  return out;
}
