/**
 * Report metadata from the report's own words: the place (any level, resolved against the register of
 * administrative divisions), the year it was delivered, its kind, who delivered it, at which session and when,
 * and a title. File names carry nothing; a `<file>.meta.json` sidecar may override what is inferred.
 */
import { z } from 'zod';
import {
  UNKNOWN_PLACE,
  UNKNOWN_YEAR,
  type LineRange,
  type Period,
  type PlaceRef,
  type ReportKind,
  type ReportMeta,
} from '../types.js';
import reportKinds from './report-kinds.json' with { type: 'json' };
import type { Block } from './segment.js';
import { headingPeriod, kindOf, yearIn } from './periods.js';
import { DATED_SESSION, inferReportYear } from './report-year.js';
import { inferPlace, placeRef, resolveName } from './place.js';
import { findCues } from './place-cues.js';
import { placeKeyOf, placesNamed, placeWordsIn } from '../text/places.js';
import { chineseNumeral } from './numerals.js';
import { first, last } from '../list.js';

export const SidecarSchema = z
  .object({
    district: z.string().min(1).optional(),
    place: z.string().min(1).optional(),
    reportYear: z.number().int().min(1949).max(2100).optional(),
    kind: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    url: z.string().url().optional(),
  })
  .strict();
export type Sidecar = z.infer<typeof SidecarSchema>;

/**
 * The kinds of document the genre holds, most specific first, each with an example. In a title the first rule
 * that matches decides (a notice issuing 《政府工作报告重点工作任务分工方案》 is a breakdown, not the report); in
 * the body the kind named first does (a news report of a session names the work report before the others).
 */
const REPORT_KINDS: { pattern: RegExp; kind: (m: RegExpMatchArray) => string; example: string }[] = [
  {
    pattern: /计划执行情况.{0,30}计划(?:草案)?/,
    kind: () => '计划执行情况与计划草案报告',
    example: '关于上海市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告',
  },
  {
    pattern: /预算执行情况.{0,30}预算草案/,
    kind: () => '预算执行情况与预算草案报告',
    example: '关于2022年预算执行情况和2023年预算草案的报告',
  },
  {
    pattern: /决算/,
    kind: () => '决算和预算执行情况报告',
    example: '关于长沙市岳麓区2019年决算草案和2020年1-6月预算执行情况的报告',
  },
  { pattern: /重点工作(目标)?安排/, kind: (m) => m[0], example: '静安区2020年重点工作目标安排' },
  {
    pattern: /(?:任务|责任)(?:分解|分工)|分工方案|分解落实|分解(?:为|成)[^。]{0,12}(?:项|个方面)/,
    kind: () => '重点工作任务分解安排',
    example: '关于印发2024年政府工作报告重点工作任务分工方案的通知',
  },
  {
    pattern: /计划执行情况/,
    kind: () => '计划执行情况报告',
    example: '关于2016年上半年国民经济和社会发展计划执行情况的报告',
  },
  { pattern: /预算执行情况|预算草案|预算报告/, kind: () => '预算执行情况报告', example: '一、2016年预算执行情况' },
  { pattern: /规划纲要|五年规划/, kind: () => '五年规划纲要', example: '松阳县国民经济和社会发展第十三个五年规划纲要' },
  { pattern: /政府工作报告/, kind: () => '政府工作报告', example: '2025年上海市政府工作报告' },
];

/** In a title: the first rule that matches. */
function titleKind(title: string): string | undefined {
  for (const k of REPORT_KINDS) {
    const m = title.match(k.pattern);
    if (m) return k.kind(m);
  }
  return undefined;
}

/** In a body: the kind named first. */
function firstNamedKind(text: string): string | undefined {
  let best: { at: number; kind: string } | undefined;
  for (const k of REPORT_KINDS) {
    const m = text.match(k.pattern);
    if (m && (!best || m.index! < best.at)) best = { at: m.index!, kind: k.kind(m) };
  }
  return best?.kind;
}

const KIND_WORDS = reportKinds.kinds as { kind: Exclude<ReportKind, 'other'>; word: string }[];

/** The one parser of a kind's name: "计划执行情况与计划草案报告" → 'plan' (see report-kinds.json for the order). */
export function reportKindOf(name: string): ReportKind {
  return KIND_WORDS.find((k) => name.includes(k.word))?.kind ?? 'other';
}

/** A numbered session: "第十四届人民代表大会第三次会议", "十二届全国人大二次会议". */
const SESSION =
  /(?:第)?([一二三四五六七八九十]+)届(全国)?(?:人民代表大会|人大)(?:常务委员会)?第?([一二三四五六七八九十]+)次(?:全体)?会议/u;
const HEAD_TITLE = /(国务院总理|总理|(?:代理|代)?(?:省长|市长|区长|县长|旗长|州长|盟长|主席))/u;
const NAME =
  /^([\p{Script=Han}]{1,8}·[\p{Script=Han}·]{1,12}|[\p{Script=Han}]{2,4}?)(?=同志|作|代表|在|[，,。、\s]|$)/u;
/** "龚正市长在…会议", "李克强代表国务院在…": the name before the office or before whom it speaks for. */
const NAME_FIRST =
  /(?:^|[日，,。\s])([\p{Script=Han}]{2,3})(?:(?:代理|代)?(省长|市长|区长|县长|旗长|州长|盟长|主席|总理)在|代表(国务院))/u;

/** The lines before the body: title, date and session, speaker, photo caption. */
interface Masthead {
  text: string;
  lines: { no: number; text: string }[];
}

export function inferMeta(
  doc: string,
  blocks: Block[],
  format: ReportMeta['format'],
  sidecar?: Sidecar,
  page?: string,
): ReportMeta {
  const text = blocks.map((b) => b.text).join('\n');
  const masthead = mastheadOf(blocks);
  const preface = masthead.text;
  const headings = blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text);
  const titleText = titleLines(masthead, blocks);
  const place =
    placeFrom(sidecar, text) ??
    inferPlace(findCues({ masthead: preface, head: headOf(masthead, text), title: titleText }), text, fileWords(doc));
  // A report filed under an invented place would answer for the wrong one: it is filed as 未定 and says what to add.
  const district = place ? placeKeyOf(place) : UNKNOWN_PLACE;
  const kind = sidecar?.kind ?? inferKind(preface, text);
  const dated = preface.match(DATED_SESSION) ?? text.slice(0, 4000).match(DATED_SESSION);
  const year = sidecar?.reportYear
    ? { year: sidecar.reportYear, rule: 'sidecar' }
    : inferReportYear({ masthead: titleText, headings, text, page, doc });
  const reportYear = year?.year ?? null;
  const title = sidecar?.title ?? titleOf(place, reportYear, kind);
  const speaker = speakerOf(masthead, place);
  const session = sessionOf(masthead, place);
  return {
    doc,
    district,
    reportYear,
    kind,
    title,
    format,
    ...(place ? { place } : {}),
    ...(speaker ? { speaker } : {}),
    ...(session ? { session } : {}),
    ...(dated ? { date: isoDate(dated) } : {}),
    ...(masthead.lines.length ? { masthead: mastheadCitation(masthead) } : {}),
    ...(sidecar?.url ? { url: sidecar.url } : {}),
    ...unknowns(doc, place, reportYear, severalReports(text)),
    ...(year ? { yearFrom: year.rule } : {}),
    periods: reportPeriods(headings, reportYear, kind),
    overridden: Boolean(sidecar && Object.keys(sidecar).length > 0),
  };
}

// "2024年1月14日在…第十四届人民代表大会第二次会议上": the line that opens each report delivered at a session.
const DELIVERED =
  /((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^\n]{0,40}?(?:人民代表大会|人大)第?[一二三四五六七八九十]+次(?:全体)?会议/gu;

/**
 * A file that opens several different sessions' reports (a year's reports pasted into one page) is indexed
 * under the first, and says so: one file per report is what makes citations right. The same report repeated
 * (a page holding its body several times) opens the same session and is no cause for a warning.
 */
function severalReports(text: string): Pick<ReportMeta, 'warnings'> {
  const sessions = [...new Set([...text.matchAll(DELIVERED)].map((m) => m[0].replace(/\s+/g, '')))];
  if (sessions.length < 2) return {};
  const shown = sessions.slice(0, 3).join(';');
  return {
    warnings: [
      `the file seems to hold ${sessions.length} reports (${shown}); it is indexed as the first — put each report in its own file`,
    ],
  };
}

/**
 * What could not be read is said, with what to add: never guessed, never a reason to drop the file.
 * (The file's name is read as the weakest cue to both: see fileWords and report-year.ts.)
 */
function unknowns(
  doc: string,
  place: PlaceRef | undefined,
  year: number | null,
  several: Pick<ReportMeta, 'warnings'>,
): Pick<ReportMeta, 'warnings'> {
  const warnings = [...(several.warnings ?? [])];
  if (!place)
    warnings.push(
      `place 未定: no place found in its text; add ${doc}.meta.json with {"place": "…"}, or put the place's name in the file's name (徐汇区-2024-政府工作报告.txt)`,
    );
  if (year === null)
    warnings.push(
      `year 未定: no year found in its text; add ${doc}.meta.json with {"reportYear": 2025} (its year), or put the year in the file's name`,
    );
  return warnings.length ? { warnings } : {};
}

function placeFrom(sidecar: Sidecar | undefined, text: string): PlaceRef | undefined {
  const named = sidecar?.place ?? sidecar?.district;
  if (!named) return undefined;
  const found = placesNamed(named);
  if (found.length === 1) return placeRef(first(found));
  const r = resolveName(named, text, { ownName: true });
  if (r?.kind === 'places' && r.places.length === 1) return placeRef(first(r.places));
  return { code: `:${named}`, name: named, short: named, level: 'county' };
}

/** The head of a report: its masthead and its first pages (a session line may be broken across two lines). */
function headOf(m: Masthead, text: string): string {
  return `${m.text.replace(/\n/g, '')}\n${text.slice(0, 3000)}`;
}

/** The lines a title may sit on: the masthead and the file's first lines (a page title before its chrome). */
function titleLines(m: Masthead, blocks: Block[]): string {
  // A page read from its first line has no masthead: its short first lines are where a title would be.
  // (A line of its own: lines without a sentence end were joined into one paragraph.)
  const lines = blocks
    .slice(0, 8)
    .map((b) => ({ kind: b.kind, text: b.text.slice(0, b.spans[1]?.at ?? b.text.length) }));
  const first = lines.filter((l) => l.kind === 'title' || (l.kind !== 'heading' && l.text.length <= 60));
  return [m.text, ...first.map((l) => l.text)].join('\n');
}

/** Words of the file's path (folders and name, Chinese or pinyin): the weakest cue to its place. */
function fileWords(doc: string): string[] {
  return (
    doc
      .replace(/\.[a-z0-9]+$/i, '')
      .split(/[\\/_\-.\s\d]+/)
      .filter((w) => w.length >= 2)
      // A Chinese name holds its places among other words (年福建省政府工作报告摘要 → 福建省).
      .flatMap((w) => (/\p{Script=Han}/u.test(w) ? placeWordsIn(w).map((p) => w.slice(p.at, p.at + p.length)) : [w]))
  );
}

function titleOf(place: PlaceRef | undefined, year: number | null, kind: string): string {
  const when = year === null ? `(${UNKNOWN_YEAR})` : `${year}年`;
  if (!place) return `${UNKNOWN_PLACE}·${when}${kind}`;
  if (place.level === 'national') return `${when}国务院${kind}`;
  return `${place.name}${when}${kind}`;
}

/** Title blocks before the body; a long web page's furniture before the title is left out. */
function mastheadOf(blocks: Block[]): Masthead {
  const lines: Masthead['lines'] = [];
  for (const b of blocks) {
    if (b.kind !== 'title') break;
    lines.push({ no: first(b.spans, 'block spans').line, text: b.text });
  }
  const start = lines.findIndex((l) => /政府工作报告|报告|安排|人民代表大会|人大/.test(l.text));
  const kept = start > 0 ? lines.slice(start) : lines;
  return { text: kept.map((l) => l.text).join('\n'), lines: kept };
}

function mastheadCitation(m: Masthead): { lines: LineRange; text: string } {
  const cue = (l: { text: string }) =>
    SESSION.test(l.text) || HEAD_TITLE.test(l.text) || /作.{0,4}报告|代表.{0,12}人民政府/.test(l.text);
  const useful = m.lines.filter(cue);
  const kept = useful.length ? m.lines.filter((l) => l.no >= first(useful).no && l.no <= last(useful).no) : m.lines;
  // inferMeta cites only a masthead with lines, and any useful ones are among those kept.
  return { lines: [first(kept, 'masthead').no, last(kept, 'masthead').no], text: kept.map((l) => l.text).join('\n') };
}

function speakerOf(m: Masthead, place: PlaceRef | undefined): ReportMeta['speaker'] | undefined {
  for (const [i, line] of m.lines.entries()) {
    for (const t of line.text.matchAll(new RegExp(HEAD_TITLE.source, 'gu'))) {
      const rest = line.text.slice(t.index + t[0].length);
      // An office at the end of a line: the name is on the next one.
      const after = rest.trim() ? rest : `${rest}${m.lines[i + 1]?.text ?? ''}`;
      const name = after
        .replace(/^[\s\u3000]+/, '')
        .replace(/(?<=^[\p{Script=Han}])\s+(?=[\p{Script=Han}](?:\s|$))/u, '')
        .match(NAME);
      if (!name) continue;
      const before = line.text.slice(0, t.index).replace(/^.*(?:会议上|[，,。\s])/u, '');
      // "——2025年1月14日海南省省长刘小明在…": the dash and the date are not part of the office.
      const office = `${before.replace(/^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日在.*/u, '').replace(/^[—―–-]*\s*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?/u, '')}${t[0]}`;
      return { title: office, name: name[1] ?? '', line: line.no };
    }
  }
  return nameFirst(m, place);
}

function nameFirst(m: Masthead, place: PlaceRef | undefined): ReportMeta['speaker'] | undefined {
  for (const l of m.lines) {
    const s = l.text.match(NAME_FIRST);
    if (!s || (s[3] && place?.level !== 'national')) continue;
    const office = s[3] || s[2] === '总理' ? '国务院总理' : `${place?.name ?? ''}${s[2]}`;
    return { title: office, name: s[1] ?? '', line: l.no };
  }
  return undefined;
}

function sessionOf(m: Masthead, place: PlaceRef | undefined): ReportMeta['session'] | undefined {
  for (const l of m.lines) {
    const s = l.text.match(SESSION);
    if (!s) continue;
    // The term and the meeting always take part in a match; only 全国 is optional.
    const [, term = '', national, meeting = ''] = s;
    const body = national || place?.level === 'national' ? '全国人民代表大会' : `${place?.name ?? ''}人民代表大会`;
    return {
      text: `第${term}届${body}第${meeting}次会议`,
      term: chineseNumeral(term),
      meeting: chineseNumeral(meeting),
      line: l.no,
    };
  }
  return brokenSession(m, place);
}

/** "在广东省第十四届" / "人民代表大会第五次会议上": a session line broken in two. */
function brokenSession(m: Masthead, place: PlaceRef | undefined): ReportMeta['session'] | undefined {
  for (const [i, line] of m.lines.entries()) {
    const next = m.lines[i + 1];
    if (!next) break;
    const joined = { no: line.no, text: line.text + next.text };
    if (SESSION.test(joined.text)) return sessionOf({ ...m, lines: [joined] }, place);
  }
  return undefined;
}

function isoDate(m: RegExpMatchArray): string {
  // A DATED_SESSION match: year, month and day always take part.
  const [, year = '', month = '', day = ''] = m;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const DELIVERED_WORK = /向大会(?:作)?(?:报告|作)(?:政府)?工作|(?:作|向大会报告)政府工作报告/;

/** Where a page without a masthead puts its title: its first characters. */
const TITLE_SPAN = 120;

function inferKind(preface: string, text: string): string {
  // A report its speaker delivers to the congress as 报告工作 is the government's work report, whatever
  // other reports its body names (决算, 五年规划).
  const delivered = DELIVERED_WORK.test(text.slice(0, 1500)) ? '政府工作报告' : undefined;
  return (
    titleKind(preface) ??
    titleKind(text.slice(0, TITLE_SPAN)) ??
    delivered ??
    firstNamedKind(text.slice(0, 3000)) ??
    firstNamedKind(text) ??
    '报告'
  );
}

function reportPeriods(headings: string[], reportYear: number | null, kind: string) {
  const seen = new Map<string, Period>();
  for (const h of headings) {
    const p = headingPeriod(h, reportYear, null);
    if (p && yearIn(h)) seen.set(`${p.year}${p.kind}`, p);
  }
  if (seen.size === 0 && reportYear !== null) {
    const k = kindOf(kind) ?? 'target';
    seen.set('default', { year: k === 'actual' ? reportYear - 1 : reportYear, kind: k });
  }
  return [...seen.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
}
