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

export interface TrendPoint {
  year: number;
  target: FactResult | null;
  actual: FactResult | null;
  /** Whether the actual figure reached the target; null when either is missing or they do not compare. */
  met: boolean | null;
  /** The reports disagree about the actual figure of this year (a preliminary and a final one, say). */
  conflict: boolean;
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
}

export interface CompareAnswer {
  type: 'compare';
  query: string;
  year: number;
  level?: PlaceLevel;
  metric: string;
  rows: CompareRow[];
}

export type Answer =
  AskAnswer | SearchAnswer | MetricAnswer | ReportsAnswer | CiteAnswer | HelpAnswer | TrendAnswer | CompareAnswer;
