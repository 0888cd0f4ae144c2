/**
 * Answer model → plain text for the terminal chat and the CLI. Citations stay visible and checkable. Text from
 * files and users has its control and direction characters made visible: an escape sequence or a U+202E in a
 * file name must not act on the terminal or reorder what a citation says.
 */
import { UNKNOWN, type Citation, type PeriodKind } from '../types.js';
import type {
  Answer,
  AskAnswer,
  CiteAnswer,
  CompareAnswer,
  CompareRow,
  FactResult,
  MetricAnswer,
  ReportsAnswer,
  SearchAnswer,
  TrendAnswer,
  TrendPoint,
  Verdict,
} from '../query/answer.js';
import { escapeControls, truncate } from './safe.js';

export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
}
export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s };
export const ANSI: TextStyle = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

export function citationText(c: Citation): string {
  const lines = c.lines[0] === c.lines[1] ? `第 ${c.lines[0]} 行` : `第 ${c.lines[0]}–${c.lines[1]} 行`;
  return escapeControls(
    [c.title, c.section.split(' › ').pop(), c.page ? `第 ${c.page} 页` : '', `${c.doc} ${lines}`]
      .filter(Boolean)
      .join(' · '),
  );
}

/** Report text with the marks in bold; its controls are made visible first, so only the bold codes act. */
export function mark(text: string, marks: string[], style: TextStyle): string {
  let out = escapeControls(text, true);
  for (const m of [...new Set(marks)]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .slice(0, 6)) {
    out = out.split(m).join(style.bold(m));
  }
  return out;
}

export function kindLabel(kind: PeriodKind): string {
  return kind === 'actual' ? '完成' : '目标';
}

export function figureText(r: FactResult): string {
  return `${r.label} ${r.display}`;
}

function factLine(r: FactResult, style: TextStyle): string {
  const f = r.fact;
  return `${style.bold(escapeControls(figureText(r)))}  (${escapeControls(f.district)} ${f.period.year} ${kindLabel(f.period.kind)})  [${escapeControls(r.citeId)}]`;
}

const RELATION: Record<string, string> = {
  paired: '同句',
  counterpart: '目标/完成',
  'other-year': '其他年份',
  'other-district': '其他区',
  candidate: '也可能是',
};

export function renderMetric(a: MetricAnswer, style: TextStyle = PLAIN): string {
  const f = a.best.fact;
  const out = [
    `${style.bold(escapeControls(figureText(a.best)))}`,
    `${escapeControls(f.district)} · ${f.period.year} 年 · ${kindLabel(f.period.kind)}`,
    `“${mark(f.original ?? f.excerpt, [f.valueText], style)}”`,
    style.dim(`[${escapeControls(a.best.citeId)}] ${citationText(f.citation)}`),
  ];
  const more = [...a.related, ...a.alternatives];
  if (more.length) {
    out.push('', '相关:');
    for (const r of more.slice(0, 8)) out.push(`  · ${RELATION[r.relation ?? ''] ?? ''} ${factLine(r, style)}`);
  }
  return out.join('\n');
}

/**
 * The answer when it says more than the cited sentences (a metadata answer: "…报告由…作,…在…会议上。"); the
 * sentences themselves stay the evidence. Undefined when the answer is just those sentences.
 */
export function answerLead(a: AskAnswer): string | undefined {
  if (a.metric || !a.answer) return undefined;
  if (a.sentences.some((s) => s.text === a.answer) || a.sentences.map((s) => s.text).join('') === a.answer)
    return undefined;
  return a.answer;
}

export function renderAsk(a: AskAnswer, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  if (a.metric)
    out.push(
      style.bold(escapeControls(figureText(a.metric.best))) +
        `  (${a.metric.best.fact.period.year} ${kindLabel(a.metric.best.fact.period.kind)})`,
      '',
    );
  const lead = answerLead(a);
  if (lead) out.push(style.bold(escapeControls(lead, true)), '');
  for (const s of a.sentences) out.push(`[${s.n}] ${mark(s.text, s.marks, style)}`);
  out.push('');
  for (const s of a.sentences)
    out.push(style.dim(`[${s.n}] ${escapeControls(s.citeId)} · ${citationText(s.citation)}`));
  // How the question was read, as the command that would correct it: "按 /metric 北京 2025 GDP增速 完成 查询".
  if (a.reading) out.push('', style.dim(escapeControls(a.reading)));
  if (a.assumptions.length) out.push('', style.dim(escapeControls(`注:${a.assumptions.join(';')}`)));
  return out.join('\n');
}

export function renderSearch(a: SearchAnswer, style: TextStyle = PLAIN): string {
  const query = escapeControls(a.query);
  if (!a.hits.length) return `没有找到“${query}”。`;
  const out = [`“${query}” 共 ${a.total} 条结果,第 ${a.offset + 1}–${a.offset + a.hits.length} 条:`];
  a.hits.forEach((h, i) => {
    out.push(
      '',
      `${a.offset + i + 1}. ${mark(truncate(h.excerpt, 161), h.marks, style)}`,
      style.dim(`   [${escapeControls(h.citeId)}] ${citationText(h.citation)}`),
    );
  });
  return out.join('\n');
}

const LEVEL_LABEL: Record<string, string> = { province: '省级', city: '市级', county: '县级' };

type ListedReport = ReportsAnswer['reports'][number];

/** "海拉尔区(县级,呼伦贝尔市)": the place with its level and the place above it. */
export function placeLabel(r: ListedReport): string {
  const p = r.place;
  if (!p) return r.district;
  const level = LEVEL_LABEL[p.level];
  if (!level) return p.name;
  return `${p.name}(${[level, p.parent].filter(Boolean).join(',')})`;
}

/** "海拉尔区人民政府代区长" → "代区长", "北京市市长" → "市长": the office without the place it governs. */
export function officeLabel(r: ListedReport): string {
  let t = r.speaker?.title ?? '';
  t = t.replace(/^.*人民政府/, '');
  for (const name of [...(r.place?.chain ?? []), r.place?.parent, r.place?.name, '国务院'].filter((x): x is string =>
    Boolean(x),
  )) {
    if (t.startsWith(name) && t.length > name.length) t = t.slice(name.length);
  }
  return t;
}

/** 第十四届海拉尔区人民代表大会第六次会议 → 第十四届人民代表大会第六次会议; the national congress keeps its name. */
function sessionLabel(r: ListedReport): string {
  const s = r.session?.text ?? '';
  const name = r.place?.level === 'national' ? '' : r.place?.name;
  return name && s.includes(`${name}人民代表大会`) ? s.replace(name, '') : s;
}

function unknownsOf(r: ListedReport): string[] {
  return (r.warnings ?? []).filter((w) => w.includes(UNKNOWN));
}

/** One line per report: title, place (level, parent), speaker, session, date, file. */
export function reportLine(r: ListedReport): string {
  const named =
    r.reportYear === null || (r.title.includes(String(r.reportYear)) && r.title.includes(r.kind))
      ? r.title
      : `${r.title}(${r.reportYear}年${r.kind})`;
  const speaker = r.speaker ? `${officeLabel(r)} ${r.speaker.name}`.trim() : '';
  return escapeControls(
    [named, placeLabel(r), speaker, sessionLabel(r), r.date ?? '', r.doc].filter(Boolean).join(' · '),
  );
}

export function renderReports(a: ReportsAnswer): string {
  // A report whose place or year could not be read says what to add, under its line.
  const out = a.reports.flatMap((r) => [reportLine(r), ...unknownsOf(r).map((w) => escapeControls(`  ⚠ ${w}`))]);
  for (const s of a.skipped) out.push(escapeControls(`跳过 ${s.doc}:${s.reason}`));
  return out.join('\n') || '还没有报告。把报告文件放进 seeds/ 目录即可。';
}

export function renderCite(a: CiteAnswer, style: TextStyle = PLAIN): string {
  const around = (p: CiteAnswer['before'], label: string) => {
    const t = p ? (p.original ?? p.text) : '';
    return p ? [style.dim(`${label}:${escapeControls(truncate(t, 121), true)}`)] : [];
  };
  return [
    ...around(a.before, '上文'),
    `“${escapeControls(a.passage.original ?? a.passage.text, true)}”`,
    ...around(a.after, '下文'),
    style.dim(`[${escapeControls(a.citeId)}] ${citationText(a.citation)}`),
  ].join('\n');
}

/** A cell of a trend or compare table: the figure as written and its citation id, or a dash. */
export function cellText(r: FactResult | null): string {
  return r ? `${r.display} [${r.citeId}]` : '—';
}

export function metText(met: boolean | null): string {
  return met === null ? '' : met ? '达到目标' : '未达目标';
}

const OUTCOME_TEXT: Record<Verdict['outcome'], string> = {
  met: '达到目标',
  near: '基本达到',
  missed: '未达目标',
  none: '不作判断',
  'no-target': '未设目标',
};

/** The verdict in words: its outcome when the rule is known, else met/missed as before. */
export function verdictText(p: TrendPoint): string {
  return p.verdict ? OUTCOME_TEXT[p.verdict.outcome] : metText(p.met);
}

/** The target cell: the figure, or the report's own "no target" sentence's citation. */
export function targetCellText(p: TrendPoint): string {
  return !p.target && p.noTarget ? `未设目标 [${p.noTarget.citeId}]` : cellText(p.target);
}

/**
 * Which rule judged each verdict, as numbered notes: `marker(p)` is the note's mark ("注1") and `notes` the
 * list shown below the table, each distinct reason once ("注1 左右,越低越好,为上限:不高于目标即达到").
 */
export function verdictNotes(points: readonly TrendPoint[]): { marker(p: TrendPoint): string; notes: string[] } {
  const reasons = [...new Set(points.flatMap((p) => (p.verdict ? [p.verdict.reason] : [])))];
  return {
    marker: (p) => (p.verdict ? `注${reasons.indexOf(p.verdict.reason) + 1}` : ''),
    notes: reasons.map((r, i) => `注${i + 1} ${r}`),
  };
}

export function renderTrend(a: TrendAnswer, style: TextStyle = PLAIN): string {
  const { marker, notes } = verdictNotes(a.points);
  const rows = a.points.map((p) =>
    [
      `${p.year}  目标 ${escapeControls(targetCellText(p))}  完成 ${escapeControls(cellText(p.actual))}`,
      verdictText(p) && `  ${verdictText(p)}${marker(p) && `(${marker(p)})`}`,
      p.conflict ? '  (报告间数字不一)' : '',
    ].join(''),
  );
  const head = style.bold(`${escapeControls(a.district)} · ${escapeControls(a.metric)} 逐年`);
  return [head, ...rows, ...(notes.length ? ['', style.dim('判定规则:'), ...notes.map(style.dim)] : [])].join('\n');
}

/** How a compare is ordered, said once above it. */
export function compareOrderText(a: CompareAnswer): string {
  return `按所示数字${a.order === 'asc' ? '从小到大' : '从大到小'}排列(有完成值按完成值,否则按目标)`;
}

/** The rows listed apart, each group under its heading: another kind of figure, then places without it. */
export const COMPARE_APART: Record<NonNullable<CompareRow['apart']>, string> = {
  'other-kind': '口径不同,不参与排名:',
  'no-figure': '报告未写明这一数字:',
};

export function renderCompare(a: CompareAnswer, style: TextStyle = PLAIN): string {
  const line = (r: CompareRow) =>
    `${r.rank === null ? ' ' : `${r.rank}.`} ${escapeControls(r.district)}  目标 ${escapeControls(cellText(r.target))}  完成 ${escapeControls(cellText(r.actual))}`;
  const out = [style.bold(`${a.year} 年 · ${escapeControls(a.metric)} 各地对比`), style.dim(compareOrderText(a))];
  out.push(...a.rows.filter((r) => !r.apart).map(line));
  const otherKind = a.rows.filter((r) => r.apart === 'other-kind');
  if (otherKind.length) out.push('', style.dim(COMPARE_APART['other-kind']), ...otherKind.map(line));
  const none = a.rows.filter((r) => r.apart === 'no-figure').map((r) => escapeControls(r.district));
  if (none.length) out.push('', style.dim(`${COMPARE_APART['no-figure']}${none.join('、')}`));
  return out.join('\n');
}

export function renderText(a: Answer, style: TextStyle = PLAIN): string {
  switch (a.type) {
    case 'trend':
      return renderTrend(a, style);
    case 'compare':
      return renderCompare(a, style);
    case 'ask':
      return renderAsk(a, style);
    case 'metric':
      return renderMetric(a, style);
    case 'search':
      return renderSearch(a, style);
    case 'reports':
      return renderReports(a);
    case 'cite':
      return renderCite(a, style);
    case 'help':
      return `${a.text}\n\n${renderReports(a.reports)}`;
  }
}
