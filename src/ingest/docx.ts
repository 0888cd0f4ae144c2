/**
 * A Word .docx report → its lines, one per non-empty paragraph, heading, list item or table row, in document
 * order. mammoth turns the document body into HTML (page headers and footers, comments and images are left
 * out); linkedom walks that HTML.
 *
 * Line numbers: `no` is the 1-based ordinal of the line among the document's NON-EMPTY blocks. Empty
 * paragraphs (blank lines typed for spacing, which mammoth drops anyway) are not counted, so a citation's line
 * range [12, 14] on a Word file means "the 12th to the 14th non-empty paragraph" and does not shift when
 * someone adds or removes blank lines. A table row is one line (its `cells` are the cell texts and its
 * `text` the cells joined by a space); a soft line break (Shift+Enter) inside a paragraph becomes a space, so
 * a paragraph is always one line. Text is kept as written, trimmed only: full-width spaces and punctuation
 * inside it stay (cleanLines normalizes later, keeping these numbers).
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import type { Line } from './clean.js';
import { UnreadableFile } from './decode.js';
import { domBlocks, type DomBlock } from './dom.js';

// Images are dropped without encoding them (mammoth inlines them as base64 data URIs by default).
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

export async function docxLines(bytes: Uint8Array): Promise<Line[]> {
  if (bytes.length === 0) throw new UnreadableFile('文件为空 — the .docx file is empty; 请重新导出或复制该报告');
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    html = (await mammoth.convertToHtml({ buffer }, { convertImage: NO_IMAGES })).value;
  } catch (e) {
    throw new UnreadableFile(notDocxReason(bytes, (e as Error).message));
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  // Footnote and endnote lists end with a "↑" link back to the reference; it is navigation, not text.
  body.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]').forEach((a) => a.remove());
  const lines = blockTexts(body).map((b, i): Line =>
    b.cells ? { no: i + 1, text: b.cells.join(' '), cells: b.cells } : { no: i + 1, text: b.text },
  );
  if (lines.length === 0)
    throw new UnreadableFile(
      'Word 文件中没有文字 — the .docx has no text (only images or empty pages?); 扫描件请先做文字识别(OCR)并提供 .txt',
    );
  return lines;
}

function notDocxReason(bytes: Uint8Array, detail: string): string {
  const b = bytes;
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    return '这是旧版 Word(.doc)或加密的文件,只是扩展名为 .docx — an old-format .doc or a password-protected file named .docx; 请在 Word/WPS 中去掉密码后另存为 .docx 或 .txt';
  }
  return `不是有效的 Word .docx 文件(文件已损坏或并非 .docx)— not a readable .docx (${detail}); 请在 Word/WPS 中打开并重新另存为 .docx,或另存为 .txt`;
}

/** Non-empty blocks in document order. */
function blockTexts(root: Element): DomBlock[] {
  return domBlocks(root, { lineBreak: 'space', textNode: inline, blockText: (t) => t.trim(), cellText });
}

/** A cell may hold several paragraphs (or a nested table): their texts joined by a space. */
function cellText(cell: Element): string {
  return blockTexts(cell)
    .map((b) => b.text)
    .join(' ');
}

/** Tabs and line breaks inside a paragraph would split it into cells or lines downstream; they become spaces. */
function inline(s: string): string {
  return s.replace(/[\t\r\n\v\f\u2028\u2029]+/g, ' ');
}
