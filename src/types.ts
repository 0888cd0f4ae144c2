/** The data that flows seeds → index → query → render. Every stage keeps provenance. */

/** Achieved (or estimated achieved) and planned: the two kinds of period a figure is about. */
export const PERIOD_KINDS = ['actual', 'target'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What a figure is about: the data year and whether it was achieved or planned. */
export interface Period {
  year: number;
  kind: PeriodKind;
}

/** 1-based inclusive line range in the raw source file. */
export type LineRange = [number, number];

/**
 * Search engines (index/search.ts SearchEngine): minisearch in memory, SQLite FTS5 in the index file,
 * PostgreSQL's tsvector search in the database DATABASE_URL names, or auto: postgres when DATABASE_URL is
 * set, else minisearch while the reports fit comfortably in one process's memory and FTS5 past that.
 */
export const ENGINES = ['auto', 'minisearch', 'fts5', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

export const PLACE_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** The key of a report whose place could not be read from it: listed with what to add (a sidecar, a folder). */
export const UNKNOWN = '未定';
export const UNKNOWN_PLACE = UNKNOWN;
/** Shown for a report whose year could not be read from it. */
export const UNKNOWN_YEAR = '年份未定';

/** A place as a report names it, resolved against the register of administrative divisions. */
export interface PlaceRef {
  /** GB/T 2260 code ("150702"); empty when a sidecar names a place the register does not hold. */
  code: string;
  name: string;
  short: string;
  level: PlaceLevel;
  parent?: string;
  parentCode?: string;
  /** Every parent, nearest first: 呼伦贝尔市, 内蒙古自治区. */
  chain?: string[];
}

/**
 * What a report is: the government work report, the plan (计划执行情况与计划草案), the key-work arrangement
 * (重点工作安排), the budget report, or another. Parsed from ReportMeta.kind, the kind's name, by
 * ingest/metadata.ts reportKindOf; the name itself stays a string because a sidecar may give any name.
 */
export const REPORT_KINDS = ['work', 'plan', 'arrangement', 'budget', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportMeta {
  doc: string;
  /** The place's short name ("海拉尔", "安徽", "全国"): what passages, facts and lookups are keyed by. */
  district: string;
  place?: PlaceRef;
  /** Who delivered the report: office and name, and the raw line that names them. */
  speaker?: { title: string; name: string; line: number };
  /** 第十四届人民代表大会第三次会议, and the line that names it. */
  session?: { text: string; term: number; meeting: number; line: number };
  /** Delivery date, ISO (2025-03-05). */
  date?: string;
  /** The lines before the body that give title, date, session and speaker: what "谁作的报告" cites. */
  masthead?: { lines: LineRange; text: string };
  url?: string;
  /** The year the report was delivered (a 2025 report reviews 2024); null when the text does not say (未定). */
  reportYear: number | null;
  /** The rule that read the year (ingest/report-year.ts YEAR_RULES, or 'sidecar'): shown so a reader can check it. */
  yearFrom?: string;
  /** The kind's name as the report gives it: 政府工作报告, 计划执行情况与计划草案报告, 重点工作目标安排, … (see ReportKind). */
  kind: string;
  title: string;
  /** Periods the report covers, for listings. */
  periods: Period[];
  /** Where the text came from when it is not plain text ("pdf", "html"). */
  format: 'text' | 'html' | 'pdf' | 'docx';
  overridden: boolean;
  /** Problems met while reading the file that did not stop it being indexed (a sidecar ignored, bytes replaced). */
  warnings?: string[];
  /**
   * Set by the index when another file of the same format holds the same report, so that citation ids still name
   * one file (see query/cite.ts).
   */
  citeSuffix?: string;
}

export interface Sentence {
  /** Analysed text: simplified spelling when the report is in traditional characters. */
  text: string;
  /** The report's own characters, when they differ from text (same length). */
  original?: string;
  lines: LineRange;
  /** PDF page of the sentence's first line, when known. */
  page?: number;
}

/** 'masthead': the title, session and speaker lines before the body; cited by who-questions, never indexed. */
export type PassageKind = 'paragraph' | 'item' | 'table-row' | 'glossary' | 'heading' | 'masthead';

export interface Passage {
  /** Stable within a build: doc + ordinal. */
  id: string;
  doc: string;
  district: string;
  /** null when the report's year is 未定. */
  reportYear: number | null;
  /** Heading path, outermost first ("一、2024年工作回顾 › (一)坚持承压而上…"). */
  section: string;
  sectionTitle: string;
  period: Period | null;
  kind: PassageKind;
  text: string;
  /** The report's own characters, when they differ from text (same length). */
  original?: string;
  lines: LineRange;
  sentences: Sentence[];
  /** Table rows keep their cells; header is the table's column header row when known. */
  cells?: string[];
  header?: string[];
  /** Glossary entries: the term being defined. */
  term?: string;
  ordinal: number;
}

/**
 * Words that change how a figure reads and are shown with it. The type is derived from the list, so a word
 * read from labels.json's before/after lists is checked by isQualifier rather than cast.
 */
export const QUALIFIERS = [
  '增长',
  '下降',
  '同比',
  '累计',
  '新增',
  '左右',
  '以上',
  '超过',
  '近',
  '约',
  '不少于',
  '不超过',
  '低于',
  '小于',
  '以内',
  '突破',
  '以下',
  '余',
  '达到',
  /** An estimate of a year not yet closed (预计全年…), and a stretch target beside the base one (力争7%). */
  '预计',
  '力争',
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export function isQualifier(word: string): word is Qualifier {
  return (QUALIFIERS as readonly string[]).includes(word);
}

export interface Citation {
  doc: string;
  lines: LineRange;
  title: string;
  section: string;
  page?: number;
}

export interface Fact {
  id: string;
  district: string;
  period: Period;
  label: string;
  valueText: string;
  value: number;
  /** Upper end when the figure is a range ("5%-10%"). */
  valueMax?: number;
  unit: string;
  baseValue?: number;
  baseUnit?: string;
  qualifiers: Qualifier[];
  /** About several years (a five-year review, 年均): never one year's figure. */
  multiYear?: true;
  /** Text that changes how the number reads and must be shown with it ("同比增长", "左右"). */
  display: string;
  /** The cited sentence as analysed (simplified spelling). */
  excerpt: string;
  /** The sentence in the report's own characters, when they differ. */
  original?: string;
  passageId: string;
  /** Figure paired with this one in the same clause (开工/竣工, 新增/累计). */
  pairedWith?: string;
  citation: Citation;
}

export interface SkippedFile {
  doc: string;
  reason: string;
}

export interface FileWarning {
  doc: string;
  warning: string;
}
