/**
 * Runs only in the PDF thread (pdf.ts): a text PDF → lines in reading order, each with its page. pdfjs-dist gives positioned text runs; runs on
 * one baseline become a line, a wide gap between runs becomes a cell boundary (tab) so table rows keep their
 * cells, and a line that runs to the right margin continues on the next unindented line, joined without a
 * hyphen or space between Chinese characters.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnreadableFile } from './decode.js';
import { first, last } from '../list.js';

export interface PdfLine {
  text: string;
  page: number;
}

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}
interface Row {
  runs: Run[];
  y: number;
  size: number;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function extractPdfLines(bytes: Uint8Array): Promise<PdfLine[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (e) {
    throw new UnreadableFile(`not a readable PDF (${(e as Error).message})`);
  }
  try {
    const out: PdfLine[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        // pdfjs adds whitespace items that span gaps; the gap itself is measured from the runs' positions.
        if (!('str' in item) || !item.str.trim()) continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        runs.push({ str: item.str, x, y, width: item.width, size: Math.hypot(a, b) || item.height || 10 });
      }
      out.push(...joinWrapped(rows(runs)).map((text) => ({ text, page: n })));
      page.cleanup();
    }
    if (!out.some((l) => l.text.trim()))
      throw new UnreadableFile(
        'the PDF has no text layer (a scan?); OCR is not supported, so export it as text or a text PDF',
      );
    return out;
  } finally {
    await pdf.destroy();
  }
}

/** Runs on one baseline, top to bottom, left to right. */
function rows(runs: Run[]): Row[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const out: Row[] = [];
  for (const r of sorted) {
    const row = out[out.length - 1];
    if (row && Math.abs(row.y - r.y) < row.size * 0.5) row.runs.push(r);
    else out.push({ runs: [r], y: r.y, size: r.size });
  }
  for (const row of out) row.runs.sort((p, q) => p.x - q.x);
  return out;
}

function rowText(row: Row): string {
  let text = '';
  let end = -Infinity;
  for (const r of row.runs) {
    const gap = r.x - end;
    if (text && gap > row.size * 0.9) text += '\t';
    else if (text && gap > row.size * 0.2 && /[\w.,%]$/.test(text) && /^[\w]/.test(r.str)) text += ' ';
    text += r.str;
    end = r.x + r.width;
  }
  return text.replace(/\s+$/, '');
}

const HAN_END = /\p{Script=Han}|[,、;:“(]$/u;

/** A line that reaches the right margin wraps onto the next one unless that one is indented or a table row. */
function joinWrapped(rs: Row[]): string[] {
  const measured = rs.map((r) => ({ r, text: rowText(r), first: first(r.runs, 'row'), last: last(r.runs, 'row') }));
  const prose = measured.filter((x) => !x.text.includes('\t'));
  const left = Math.min(...prose.map((x) => x.first.x));
  const right = Math.max(...prose.map((x) => x.last.x + x.last.width));
  const out: string[] = [];
  let wraps = false;
  for (const { r, text, first: start, last: end } of measured) {
    const indented = start.x > left + r.size * 0.8;
    const prev = out.at(-1);
    if (wraps && !indented && !text.includes('\t') && prev !== undefined) {
      out[out.length - 1] = prev + (HAN_END.test(prev) || /^\p{Script=Han}/u.test(text) ? '' : ' ') + text;
    } else {
      out.push(text);
    }
    wraps = !text.includes('\t') && end.x + end.width > right - r.size * 1.5;
  }
  return out;
}
