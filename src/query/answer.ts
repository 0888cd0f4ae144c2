/** The transport-neutral answer model that every command returns and every renderer reads. */
import type { Citation, Fact, Passage, PeriodKind, PlaceLevel, ReportMeta } from '../types.js';

export type ErrorCode =
  | 'UNKNOWN_DISTRICT'
  | 'AMBIGUOUS_PLACE'
  | 'NO_DATA_FOR_YEAR'
  | 'NO_MATCH'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL';

export class QueryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

export interface CitedSentence {
  /** 1-based number shown next to the sentence. */
  n: number;
  text: string;
  /** Substrings to emphasise (matched terms, the figure). */
  marks: string[];
  citation: Citation;
  citeId: string;
}

export interface AskAnswer {
  type: 'ask';
  question: string;
  assumptions: string[];
  via: 'facts' | 'glossary' | 'passages';
  answer: string;
  sentences: CitedSentence[];
  metric?: MetricAnswer;
  /** How the question was read, as the command that answers it: "按 /metric 北京 2025 GDP增速 完成 查询". */
  reading?: string;
  /** A target-against-result question: the year's result beside its target and whether it was met. */
  verdict?: { year: number; target: FactResult | null; actual: FactResult | null; met: boolean | null };
  /** A question read as a series ("这几年", "2012到2019年"), in the order the answer gives it. */
  trend?: TrendAnswer;
  /** A question read as a ranking of places ("哪个省…最高"), top first. */
  compare?: CompareAnswer;
}

export interface SearchHit {
  passageId: string;
  citeId: string;
  excerpt: string;
  marks: string[];
  citation: Citation;
  score: number;
}

export interface SearchAnswer {
  type: 'search';
  query: string;
  district?: string;
  year?: number;
  total: number;
  offset: number;
  hits: SearchHit[];
}

export interface FactResult {
  fact: Fact;
  /** The label and figure as a reader sees them: in the report's own characters (traditional stays traditional). */
  label: string;
  display: string;
  citeId: string;
  relation?: 'best' | 'paired' | 'counterpart' | 'other-year' | 'other-district' | 'candidate';
}

export interface MetricAnswer {
  type: 'metric';
  query: string;
  district: string;
  year: number;
  kind?: PeriodKind;
  best: FactResult;
  related: FactResult[];
  alternatives: FactResult[];
}

export interface ReportsAnswer {
  type: 'reports';
  reports: (ReportMeta & { passages: number; facts: number })[];
  skipped: { doc: string; reason: string }[];
}

export interface CiteAnswer {
  type: 'cite';
  citeId: string;
  passage: Passage;
  citation: Citation;
  before?: Passage;
  after?: Passage;
}

export interface HelpAnswer {
  type: 'help';
  text: string;
  reports: ReportsAnswer;
}

/**
 * How a target was judged (query/trend.ts `verdict`, README "Verdict rules"): the rule's name, and a short
 * reason a reader sees as a footnote ("左右,越低越好,为上限:不高于目标即达到").
 */
export interface Verdict {
  /** 'near' is 基本达到: below a 左右 target of a higher-is-better metric, within the stated tolerance (met is false). */
  outcome: 'met' | 'near' | 'missed' | 'none' | 'no-target';
  rule: 'floor' | 'ceiling' | 'range' | 'about-floor' | 'about-ceiling' | 'incomparable' | 'no-target';
  reason: string;
}

/** A sentence saying the report set no target for the metric ("我们没有提出全年经济增速具体目标"). */
export interface NoTargetNote {
  excerpt: string;
  citation: Citation;
  citeId: string;
}

export interface TrendPoint {
  year: number;
  target: FactResult | null;
  actual: FactResult | null;
  /** Whether the actual figure reached the target; null when either is missing or they do not compare. */
  met: boolean | null;
  /** The reports disagree about the actual figure of this year (a preliminary and a final one, say). */
  conflict: boolean;
  /** Which rule judged the target, when there was one to judge (or the report said it set none). */
  verdict?: Verdict;
  /** The report's own sentence saying no target was set, when there is one. */
  noTarget?: NoTargetNote;
}

export interface TrendAnswer {
  type: 'trend';
  query: string;
  district: string;
  metric: string;
  points: TrendPoint[];
}

export interface CompareRow {
  district: string;
  target: FactResult | null;
  actual: FactResult | null;
  /**
   * 1-based place in the ranking, by the figure shown (actual, else target); null for a row listed apart:
   * 'other-kind' (a level among rates, a rate among levels, another unit) or 'no-figure'.
   */
  rank: number | null;
  apart?: 'other-kind' | 'no-figure';
}

export interface CompareAnswer {
  type: 'compare';
  query: string;
  year: number;
  level?: PlaceLevel;
  metric: string;
  /** 'desc': largest first (the default); 'asc': smallest first. */
  order: 'desc' | 'asc';
  /** The unit the ranked rows share ("%", or a base unit such as "元" for 亿元 and 万亿元 alike). */
  rankedUnit?: string;
  rows: CompareRow[];
}

export type Answer =
  AskAnswer | SearchAnswer | MetricAnswer | ReportsAnswer | CiteAnswer | HelpAnswer | TrendAnswer | CompareAnswer;
