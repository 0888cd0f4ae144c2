/**
 * Report lines → blocks: headings, paragraphs (broken lines rejoined), list items, table rows and glossary
 * entries. Each block maps every character back to its raw line, so sentences can be cited exactly.
 */
import type { Line } from './clean.js';
import { chineseNumeral } from './numerals.js';

export interface Span {
  at: number;
  line: number;
  page?: number;
}

export type BlockKind = 'title' | 'heading' | 'paragraph' | 'item' | 'table-row' | 'glossary' | 'table-end';

export interface Block {
  kind: BlockKind;
  /** Headings: 1 = "一、", 2 = "(一)", 3 = "表 1"; glossary headings are level 1 with glossary set. */
  level: number;
  text: string;
  spans: Span[];
  cells?: string[];
  header?: string[];
  term?: string;
  glossary?: boolean;
  /** The text in the report's own characters when it was analysed in simplified spelling; same length. */
  original?: string;
}

const L1 = /^[一二三四五六七八九十]+、/;
const L2 = /^[((]([一二三四五六七八九十]+)[))]/;
const L2_ANY = /[((]([一二三四五六七八九十]+)[))]/g;
const TABLE = /^表\s*\d+/;
const GLOSSARY = /(用语|名词|词语)(解释|注释|说明)$/;
const NUMBERED = /^\d{1,3}[.、.](?!\d)/;
const TERMINAL = /[。!?!?;;::…]["”’」』)]?$/;
const OPENING = /^(各位代表|同志们)/;
/**
 * A top-level heading without "一、" ("2024年工作回顾", "“十四五”时期发展成就和2025年工作回顾"): a short line of
 * its own, no punctuation, naming a period and what the section does with it.
 */
const UNNUMBERED =
  /^(?=.{4,32}$)[^。，,；;：:！!？?]*(?:(?:19|20)\d{2}年|十[一二三四五六七八九]五|今年|过去[一五]年)[^。，,；;：:！!？?]*(?:回顾|工作|任务|目标|安排|建议|成就)$/;

/**
 * `bodyFromStart`: read every line as report text. A page with no 各位代表 and no numbered heading (a news summary,
 * an e-paper 摘要, a notice wrapping a plan, a report on one line) is still report text: never dropped.
 */
export function segment(lines: Line[], opts: { bodyFromStart?: boolean } = {}): Block[] {
  const blocks: Block[] = [];
  let inBody = opts.bodyFromStart ?? false;
  let table: { header?: string[]; rows: number } | null = null;
  let glossary = false;
  const last = () => blocks[blocks.length - 1];

  for (const line of lines) {
    const t = line.text;
    if (!inBody && (L1.test(t) || OPENING.test(t) || L2.test(t))) inBody = true;
    if (line.cells && (table || (inBody && line.cells.filter(Boolean).length >= 2))) {
      if (table && !table.header && table.rows === 0 && isHeaderRow(line.cells)) table.header = line.cells;
      else pushRow(blocks, line, table);
      continue;
    }
    if (TABLE.test(t) && t.length < 60) {
      blocks.push(block('heading', 3, t, line));
      table = { rows: 0 };
      continue;
    }
    if ((L1.test(t) && !/。/.test(t.slice(0, -1))) || (inBody && UNNUMBERED.test(t) && !continuing(last()))) {
      blocks.push(block('heading', 1, t, line));
      table = null;
      glossary = false;
      continue;
    }
    if (GLOSSARY.test(t) && t.length < 30) {
      blocks.push({ ...block('heading', 1, t, line), glossary: true });
      table = null;
      glossary = true;
      continue;
    }
    if (table && t.length >= 20) {
      table = null;
      blocks.push(block('table-end', 0, '', line));
    }
    if (L2.test(t)) {
      table = null;
      pushLevel2(blocks, line);
      continue;
    }
    if (glossary && NUMBERED.test(t)) {
      const entry = block('glossary', 0, t, line);
      entry.term = glossaryTerm(t);
      blocks.push(entry);
      continue;
    }
    const prev = last();
    if (inBody && prev && joinable(prev) && !NUMBERED.test(t)) {
      append(prev, t, line);
      continue;
    }
    blocks.push(block(inBody ? (NUMBERED.test(t) ? 'item' : 'paragraph') : 'title', 0, t, line));
  }
  return blocks;
}

/**
 * A line of sentences, not a title, a date line or a caption: before the body it is report text all the same
 * (a notice's own sentences before its list, a news report's opening), indexed as well as read for the masthead.
 */
export function isProse(t: string): boolean {
  return t.length >= 40 && /[。;]/.test(t) && (t.match(/\p{Script=Han}/gu)?.length ?? 0) >= 20;
}

function block(kind: BlockKind, level: number, text: string, line: Line): Block {
  return { kind, level, text, spans: [{ at: 0, line: line.no, page: line.page }] };
}

function append(b: Block, text: string, line: Line): void {
  b.spans.push({ at: b.text.length, line: line.no, page: line.page });
  b.text += text;
}

/** A paragraph still open: the next line may be the rest of its sentence, not a heading. */
function continuing(prev: Block | undefined): boolean {
  return prev !== undefined && joinable(prev);
}

function joinable(prev: Block): boolean {
  return (prev.kind === 'paragraph' || prev.kind === 'item' || prev.kind === 'glossary') && !TERMINAL.test(prev.text);
}

function isHeaderRow(cells: string[]): boolean {
  return (
    cells.some((c) => /指标|序号|项目|重点工作|名称/.test(c)) &&
    !cells.some((c) => /\d+(\.\d+)?\s*(%|万|亿|家|个|件)/.test(c))
  );
}

/**
 * PDF tables wrap long cells onto the next line, often with a fragment of the row label beside them
 * ("一批政策措 | 资金集中运营管理等政策落地。"). A row continues the one above while that row's text cell
 * has not finished its sentence and the new text does not start a new bullet.
 */
function pushRow(blocks: Block[], line: Line, table: { header?: string[]; rows: number } | null): void {
  const cells = line.cells!;
  const prev = blocks[blocks.length - 1];
  const lastCell = prev?.cells?.[prev.cells.length - 1] ?? '';
  const text = cells.filter(Boolean).pop() ?? '';
  const continues =
    prev?.kind === 'table-row' &&
    prev.cells &&
    (cells[0] === '' || lastCell.length >= 15) &&
    !TERMINAL.test(lastCell) &&
    !text.startsWith('●');
  if (continues && prev.cells) {
    cells.forEach((c, i) => {
      if (c) prev.cells![i] = (prev.cells![i] ?? '') + c;
    });
    append(prev, '', line);
    prev.text = prev.cells.filter(Boolean).join(' ');
    return;
  }
  const row = block('table-row', 0, line.text, line);
  row.cells = [...cells];
  row.header = table?.header;
  if (table) table.rows++;
  blocks.push(row);
}

/**
 * "(一)" lines come in three shapes: a heading ("(一)聚焦高水平改革创新,扩大开放合作"), a heading sentence
 * followed by its paragraph ("(三)把效能建设融入日常。巩固机构改革成果…"), or a run of numbered tasks on one
 * line ("(一)开展区“十四五”规划编制。(二)围绕打响…") which become separate items.
 */
function pushLevel2(blocks: Block[], line: Line): void {
  const t = line.text;
  const starts = sequentialMarkers(t);
  if (starts.length >= 2) {
    starts.forEach((at, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : t.length;
      blocks.push({
        kind: 'item',
        level: 0,
        text: t.slice(at, end),
        spans: [{ at: 0, line: line.no, page: line.page }],
      });
    });
    return;
  }
  const firstStop = t.search(/[。!?;]/);
  if (firstStop < 0 || firstStop === t.length - 1) {
    blocks.push(block('heading', 2, firstStop < 0 ? t : t.slice(0, firstStop), line));
    return;
  }
  blocks.push(block('heading', 2, t.slice(0, firstStop), line));
  blocks.push(block('paragraph', 0, t, line));
}

function sequentialMarkers(t: string): number[] {
  const starts: number[] = [];
  let expected = NaN;
  for (const m of t.matchAll(L2_ANY)) {
    const n = chineseNumeral(m[1] ?? '');
    if (starts.length === 0 ? m.index === 0 : n === expected) {
      starts.push(m.index!);
      expected = n + 1;
    }
  }
  return starts;
}

function glossaryTerm(t: string): string | undefined {
  const body = t.replace(NUMBERED, '');
  const colon = body.search(/[::]/);
  if (colon <= 0 || colon > 40) return undefined;
  return body
    .slice(0, colon)
    .replace(/[“”"《》]/g, '')
    .trim();
}
