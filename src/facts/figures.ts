/**
 * Finding figures in a clause: an Arabic number with its scale and unit and the qualifiers that change how it
 * reads ("近60%", "1200亿元以上", "1.3万余人"). Figures in words (三分之一, 四成) are not figures here.
 */
import units from './units.json' with { type: 'json' };
import words from './labels.json' with { type: 'json' };

export interface Figure {
  start: number;
  /** End of the figure including any trailing qualifier ("左右"). */
  end: number;
  valueText: string;
  value: number;
  valueMax?: number;
  unit: string;
  scale: number;
  before?: string;
  after?: string;
  /** The figure as written, qualifiers included: "近60%", "5%-10%", "1200亿元以上". */
  surface: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNIT_ALT = [...units.units]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const SCALES = Object.keys(units.scales).sort((a, b) => b.length - a.length);
const SCALE_ALT = SCALES.join('|');
const NUM = '\\d+(?:,\\d{3})*(?:\\.\\d+)?';
// Not after a letter, a digit or 第 ("G20", "NO70501", "第32届"); not a date.
const FIGURE = new RegExp(
  `(?<![\\dA-Za-z.第])(${NUM})(%?)(?:\\s*[-~～—–至到]\\s*(${NUM}))?\\s*(余|多)?\\s*(${SCALE_ALT})?\\s*(余|多)?\\s*(${UNIT_ALT})`,
  'gu',
);
const BEFORE = [...words.before].sort((a, b) => b.length - a.length);
const AFTER = new RegExp(`^(?:${words.after.join('|')})`);

export function findFigures(clause: string): Figure[] {
  const out: Figure[] = [];
  for (const m of clause.matchAll(FIGURE)) {
    // The number and the unit always take part in a FIGURE match.
    const [whole, num = '', pct, max, more1, scaleWord, more2, unitWritten] = m;
    if (pct && unitWritten !== '%') continue; // "5%个" is not a figure
    const start = m.index!;
    let end = start + whole.length;
    const afterMatch = clause.slice(end).match(AFTER);
    const after = more1 || more2 ? '余' : afterMatch?.[0];
    if (afterMatch) end += afterMatch[0].length;
    const head = clause.slice(Math.max(0, start - 4), start);
    const before = BEFORE.find((b) => head.endsWith(b));
    const scale = scaleWord ? units.scales[scaleWord as keyof typeof units.scales] : 1;
    out.push({
      start,
      end,
      valueText: num,
      value: Number(num.replace(/,/g, '')),
      valueMax: max ? Number(max.replace(/,/g, '')) : undefined,
      unit: `${scaleWord ?? ''}${unitWritten === '套(间)' ? '套(间)' : unitWritten}`,
      scale,
      before,
      after,
      surface: `${before ?? ''}${clause.slice(start, end)}`,
    });
  }
  return out;
}

/** Base value where comparing makes sense: 万/亿 scaled, 公顷/公里 converted. */
export function toBase(value: number, unit: string): { baseValue: number; baseUnit: string } | undefined {
  const scaleWord = SCALES.find((w) => unit.startsWith(w) && unit.length > w.length) ?? '';
  const scale = scaleWord ? units.scales[scaleWord as keyof typeof units.scales] : 1;
  const bare = scaleWord ? unit.slice(1) : unit;
  const conv = (units.toBase as Record<string, { unit: string; factor: number }>)[bare];
  if (!scaleWord && !conv) return undefined;
  return { baseValue: value * scale * (conv?.factor ?? 1), baseUnit: conv?.unit ?? bare };
}
