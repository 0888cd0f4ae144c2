/**
 * Raw text → report lines. Drops page chrome (forum panels, feedback forms), strips the " ?" artifacts that
 * some converters leave at line ends, and normalizes spacing so that "1.23 万平方米" reads as "1.23万平方米".
 * Every kept line remembers its 1-based line number in the raw file.
 */
import chrome from './chrome.json' with { type: 'json' };
import { repairLine } from './repair.js';

export interface Line {
  no: number;
  text: string;
  /** The line held tab-separated cells (a PDF table row). */
  cells?: string[];
  page?: number;
}

const lineChrome = chrome.line.map((p) => new RegExp(p));
const tailChrome = chrome.tail.map((p) => new RegExp(p));

const HAN_OR_PUNCT = '[\\p{Script=Han}\\p{P}\\p{S}]';
const SPACE_NEAR_HAN = new RegExp(
  `(?<=${HAN_OR_PUNCT})[ \\t\\u3000\\u00a0]+|[ \\t\\u3000\\u00a0]+(?=${HAN_OR_PUNCT})`,
  'gu',
);
// "一、2019 年工作回顾 ?" – a converter's replacement for a character it could not map, left at line ends.
const TRAILING_ARTIFACT = /[ \u3000\u00a0]+[??]+$|^[??]+$/;
// PDF bullet glyphs: private-use code points and the usual bullets become one marker.
const BULLETS = /[\uE000-\uF8FF●•▪■◆◇○]/g;

export function normalizeInline(s: string): string {
  const normalized = s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(BULLETS, '●')
    .replace(SPACE_NEAR_HAN, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return repairLine(normalized);
}

// Some exporters write a character they could not show as its code point in text: "<U+00A0>".
const CODE_POINT_ESCAPE = /<U\+([0-9A-Fa-f]{4,6})>/g;
// Zero-width characters carry nothing a reader sees and split words and numbers apart.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

export function cleanLines(raw: string): Line[] {
  const rawLines = raw.replace(/\r\n?/g, '\n').split('\n');
  const out: Line[] = [];
  rawLines.forEach((original, i) => {
    const line = toLine(original, i + 1);
    if (!line) return;
    for (const piece of splitLongLine(line)) if (!lineChrome.some((re) => re.test(piece.text))) out.push(piece);
  });
  return cutTail(trimHead(out));
}

/** Longer than any paragraph: a whole report saved on one line. */
const LONG_LINE = 3000;

/**
 * A report saved on one line is read sentence by sentence, every piece citing that line, so headings and
 * paragraphs are found as in any other report.
 */
function splitLongLine(line: Line): Line[] {
  if (line.text.length <= LONG_LINE) return [line]; // no table row is this long: indented prose
  return line.text
    .split(/(?<=[。！？!?；;])/u)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text) => ({ no: line.no, text, ...(line.page ? { page: line.page } : {}) }));
}

function toLine(original: string, no: number): Line | null {
  let s = original
    .replace(CODE_POINT_ESCAPE, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(ZERO_WIDTH, '')
    .replace(/\f/g, '')
    .replace(/\s+$/, '')
    .replace(TRAILING_ARTIFACT, '');
  const tabbed = s.includes('\t') && s.trim().length > 0;
  if (tabbed) {
    // OCR of a table sometimes yields a cell of Hangul noise ("카디코모 스 교류") in a Chinese report.
    const cells = s
      .split('\t')
      .map(normalizeInline)
      .map((c) => (/^[\p{Script=Hangul}\s]+$/u.test(c) ? '' : c));
    if (cells.some((c) => c.length > 0)) return { no, text: cells.filter(Boolean).join(' '), cells };
    return null;
  }
  s = normalizeInline(s);
  return s ? { no, text: s } : null;
}

/** Everything from the first tail marker on is page furniture, unless report prose follows it. */
function cutTail(lines: Line[]): Line[] {
  for (const [i, line] of lines.entries()) {
    if (!tailChrome.some((re) => re.test(line.text))) continue;
    const proseAfter = lines.slice(i + 1).some((l) => l.text.length >= 40 && /[。;]/.test(l.text));
    if (!proseAfter) return lines.slice(0, i);
  }
  return lines;
}

const BODY_START = /^(各位代表|[一二三四五六七八九十]+、|.{0,40}(报告|安排|计划|规划|纲要)[)）]?$)/;

/** Before the report starts, short lines are forum user panels and the like ("奋斗", "版主", "1万"). */
function trimHead(lines: Line[]): Line[] {
  const start = lines.findIndex((l) => BODY_START.test(l.text) || (l.text.length >= 40 && /[。;]/.test(l.text)));
  if (start <= 0) return lines;
  // Short lines go, except a name under its office ("国务院总理" / "李克强").
  const head = lines
    .slice(0, start)
    .filter(
      (l, i, all) =>
        (l.text.match(/\p{Script=Han}/gu)?.length ?? 0) >= 5 ||
        /(总理|省长|市长|区长|县长|主席)\s*$/.test(all[i - 1]?.text ?? ''),
    );
  return [...head, ...lines.slice(start)];
}
