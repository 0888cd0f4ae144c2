/**
 * Report metadata from the report's own words: district, the year it was delivered, its kind and a title.
 * File names carry nothing; a `<file>.meta.json` sidecar may override what is inferred.
 */
import { z } from 'zod';
import type { ReportMeta } from '../types.js';
import type { Block } from './segment.js';
import { KNOWN_DISTRICTS } from '../text/districts.js';
import { headingPeriod, kindOf, yearIn } from './periods.js';

export const SidecarSchema = z.object({
  district: z.string().min(1).optional(),
  reportYear: z.number().int().min(1949).max(2100).optional(),
  kind: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
}).strict();
export type Sidecar = z.infer<typeof SidecarSchema>;

const REPORT_KINDS: { pattern: RegExp; kind: (m: RegExpMatchArray) => string }[] = [
  { pattern: /计划执行情况.{0,30}计划草案/, kind: () => '计划执行情况与计划草案报告' },
  { pattern: /预算执行情况.{0,30}预算草案/, kind: () => '预算执行情况与预算草案报告' },
  { pattern: /重点工作(目标)?安排/, kind: (m) => m[0] },
  { pattern: /政府工作报告/, kind: () => '政府工作报告' },
];

// "我代表徐汇区人民政府", "长宁区第十六届人民代表大会", "虹口区区长" name the district outright.
const DISTRICT_CUES = [
  /代表(\p{Script=Han}{2,4}?)(?:新区|区|市)人民政府/u,
  /(\p{Script=Han}{2,4}?)(?:新区|区|市)第[一二三四五六七八九十]+届人民代表大会/u,
  /(\p{Script=Han}{2,4}?)(?:新区|区)(?:代?区长|人民政府)/u,
  /(?:上海|北京|天津|重庆|广州|深圳|杭州|南京|成都)市(\p{Script=Han}{2,3}?)(?:新区|区)/u,
];

export function inferMeta(doc: string, blocks: Block[], format: ReportMeta['format'], sidecar?: Sidecar): ReportMeta {
  const text = blocks.map((b) => b.text).join('\n');
  const preface = blocks.filter((b) => b.kind === 'title').map((b) => b.text).join('\n');
  const headings = blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text);
  const district = sidecar?.district ?? inferDistrict(text) ?? '未知';
  const kind = sidecar?.kind ?? inferKind(preface, text);
  const reportYear = sidecar?.reportYear ?? inferReportYear(preface, headings, text);
  const title = sidecar?.title ?? `${district}${/区|市|县$/.test(district) ? '' : '区'}${reportYear}年${kind}`;
  return {
    doc, district, reportYear, kind, title, format,
    periods: reportPeriods(headings, reportYear, kind),
    overridden: Boolean(sidecar && Object.keys(sidecar).length > 0),
  };
}

function inferDistrict(text: string): string | null {
  const votes = new Map<string, number>();
  const vote = (name: string, w: number) => votes.set(name, (votes.get(name) ?? 0) + w);
  for (const cue of DISTRICT_CUES) {
    const m = text.match(cue);
    if (m) vote(m[1], 10);
  }
  for (const d of KNOWN_DISTRICTS) {
    const n = text.split(`${d.name}区`).length - 1 + text.split(`${d.name}新区`).length - 1;
    if (n > 0) vote(d.name, n);
  }
  let best: string | null = null;
  for (const [name, n] of votes) if (!best || n > votes.get(best)!) best = name;
  return best;
}

function inferKind(preface: string, text: string): string {
  for (const source of [preface, text.slice(0, 3000), text]) {
    for (const k of REPORT_KINDS) {
      const m = source.match(k.pattern);
      if (m) return k.kind(m);
    }
  }
  return '报告';
}

/** The delivery date line wins ("2020 年 1 月 7 日在长宁区第十六届人民代表大会…"), then the title, then the headings. */
function inferReportYear(preface: string, headings: string[], text: string): number {
  const dated = text.slice(0, 4000).match(/((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在/);
  if (dated) return Number(dated[1]);
  const titleYears = [...preface.matchAll(/((?:19|20)\d{2})\s*年/g)].map((m) => Number(m[1]));
  if (titleYears.length) return Math.max(...titleYears);
  for (const h of headings) {
    const year = yearIn(h);
    const kind = kindOf(h);
    if (year && kind === 'actual') return year + 1;
    if (year && kind === 'target') return year;
  }
  const years = [...text.slice(0, 5000).matchAll(/((?:19|20)\d{2})\s*年/g)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : new Date().getFullYear();
}

function reportPeriods(headings: string[], reportYear: number, kind: string) {
  const seen = new Map<string, { year: number; kind: 'actual' | 'target' }>();
  for (const h of headings) {
    const p = headingPeriod(h, reportYear, null);
    if (p && yearIn(h)) seen.set(`${p.year}${p.kind}`, p);
  }
  if (seen.size === 0) {
    const k = kindOf(kind) ?? 'target';
    seen.set('default', { year: k === 'actual' ? reportYear - 1 : reportYear, kind: k });
  }
  return [...seen.values()].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind));
}
