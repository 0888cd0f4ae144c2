/** Facts as an aligned table for `cli facts` on a terminal (CJK characters count double width). */
import type { Fact } from '../types.js';
import { escapeControls } from './safe.js';

const WIDE =
  /^[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns a grapheme takes: combining marks ride on their base, so a grapheme is as wide as its first character. */
const cellWidth = (g: string) => (WIDE.test(g) ? 2 : 1);

function width(s: string): number {
  let w = 0;
  for (const { segment } of graphemes.segment(s)) w += cellWidth(segment);
  return w;
}

/** Pads or cuts (with …, between graphemes) to exactly w columns; controls are shown escaped, never acted on. */
function fit(raw: string, w: number): string {
  const s = escapeControls(raw);
  const cut = width(s) > w;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    if (cut && used + cellWidth(segment) > w - 1) {
      out += '…';
      used++;
      break;
    }
    out += segment;
    used += cellWidth(segment);
  }
  return out + ' '.repeat(Math.max(0, w - used));
}

export function renderFactsTable(facts: Fact[], columns = 160): string {
  const cols: [string, number, (f: Fact) => string][] = [
    ['区', 6, (f) => f.district],
    ['年份', 6, (f) => String(f.period.year)],
    ['类型', 6, (f) => (f.period.kind === 'actual' ? '完成' : '目标')],
    ['指标', 28, (f) => f.label],
    ['数值', 22, (f) => f.display],
    ['出处', 20, (f) => `${f.citation.doc.slice(0, 12)}:${f.citation.lines[0]}`],
  ];
  const rest = Math.max(20, columns - cols.reduce((s, c) => s + c[1] + 1, 0));
  cols.push(['原句', rest, (f) => f.original ?? f.excerpt]);
  const head = cols.map(([h, w]) => fit(h, w)).join(' ');
  const rows = facts.map((f) => cols.map(([, w, get]) => fit(get(f), w)).join(' '));
  return [head, ...rows, `${facts.length} facts`].join('\n');
}
