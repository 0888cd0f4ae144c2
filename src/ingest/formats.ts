/**
 * File type → ingest path. Plain text is decoded and cleaned; web pages, PDFs and Word files are reduced to text
 * lines first. Files of a type the product cannot read (old Office formats, images, archives, …) are not
 * ignored: UNSUPPORTED says why and what to do, and the indexer lists them as skipped with that reason.
 */
import { extname } from 'node:path';
import { ingestLines, ingestText, type IngestedReport, PAGE_HEAD } from './ingest.js';
import { cleanLines, type Line } from './clean.js';
import { htmlText } from './html.js';
import { pdfLines } from './pdf.js';
import { docxLines } from './docx.js';
import { assertReadableText, UnreadableFile } from './decode.js';
import type { Sidecar } from './metadata.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.html', '.htm', '.pdf', '.docx'];

const OLD_WORD =
  '旧版 Word 格式(.doc)无法读取 — old Word format (.doc) cannot be read; 请另存为 .docx 或 .txt (save it as .docx or .txt)';
const WPS =
  'WPS 文字格式(.wps)无法读取 — WPS Writer files cannot be read; 请在 WPS 中另存为 .docx 或 .txt (save it as .docx or .txt)';
const OTHER_DOC =
  '此文档格式无法读取 — this document format cannot be read; 请另存为 .docx、.pdf 或 .txt (save it as .docx, .pdf or .txt)';
const SPREADSHEET =
  '电子表格无法读取 — spreadsheets cannot be read; 请提供报告正文的 .docx/.pdf/.txt (provide the report text as .docx, .pdf or .txt)';
const SLIDES =
  '演示文稿无法读取 — presentations cannot be read; 请提供报告正文的 .docx/.pdf/.txt (provide the report text as .docx, .pdf or .txt)';
const IMAGE =
  '图片需先做文字识别(OCR),请提供文字版 .txt/.pdf — images need OCR first, which is not supported; provide a text .txt or .pdf';
const ARCHIVE = '压缩包请先解压到报告文件夹 — archives are not opened; extract the reports into the reports folder';
const WEB_ARCHIVE =
  '网页存档(.mht)无法读取 — saved web archives (.mht) cannot be read; 请在浏览器中另存为 .html 或复制文字为 .txt (save as .html, or copy the text into a .txt)';
const CHINESE_DOC =
  '此电子公文格式(OFD/CAJ)无法读取 — OFD/CAJ documents cannot be read; 请导出为 .pdf 或 .txt (export it as .pdf or .txt)';

/** Extensions of files that may well be reports but that the product cannot read → why, and what to do. */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  '.doc': OLD_WORD,
  '.dot': OLD_WORD,
  '.wps': WPS,
  '.rtf': OTHER_DOC,
  '.odt': OTHER_DOC,
  '.pages': OTHER_DOC,
  '.xls': SPREADSHEET,
  '.xlsx': SPREADSHEET,
  '.et': SPREADSHEET,
  '.ods': SPREADSHEET,
  '.ppt': SLIDES,
  '.pptx': SLIDES,
  '.dps': SLIDES,
  '.odp': SLIDES,
  '.png': IMAGE,
  '.jpg': IMAGE,
  '.jpeg': IMAGE,
  '.gif': IMAGE,
  '.tif': IMAGE,
  '.tiff': IMAGE,
  '.bmp': IMAGE,
  '.webp': IMAGE,
  '.zip': ARCHIVE,
  '.rar': ARCHIVE,
  '.7z': ARCHIVE,
  '.tar': ARCHIVE,
  '.gz': ARCHIVE,
  '.tgz': ARCHIVE,
  '.mht': WEB_ARCHIVE,
  '.mhtml': WEB_ARCHIVE,
  '.ofd': CHINESE_DOC,
  '.caj': CHINESE_DOC,
};

/** Why the product cannot read this file and what to do, when its type is one it knows it cannot read. */
export function unsupportedReason(doc: string): string | undefined {
  const ext = extname(doc).toLowerCase();
  return Object.hasOwn(UNSUPPORTED, ext) ? UNSUPPORTED[ext] : undefined;
}

export async function ingestFile(doc: string, bytes: Uint8Array, sidecar?: Sidecar): Promise<IngestedReport> {
  const unsupported = unsupportedReason(doc);
  if (unsupported) throw new UnreadableFile(unsupported);
  switch (extname(doc).toLowerCase()) {
    case '.html':
    case '.htm': {
      const text = htmlText(bytes);
      assertReadableText(text);
      return ingestLines(doc, cleanLines(text), 'html', sidecar, text.slice(0, PAGE_HEAD));
    }
    case '.pdf': {
      const lines = await pdfLines(bytes);
      const text = lines.map((l) => l.text).join('\n');
      assertReadableText(text);
      const cleaned = cleanLines(text).map((l) => ({ ...l, page: lines[l.no - 1]?.page }));
      return ingestLines(doc, cleaned, 'pdf', sidecar);
    }
    case '.docx': {
      const lines = await docxLines(bytes);
      // Table rows go in tab-separated so cleanLines keeps their cells; each cleaned line maps back to its paragraph.
      const text = lines.map(sourceText).join('\n');
      assertReadableText(text);
      const cleaned = cleanLines(text).map((l) => ({ ...l, no: lines[l.no - 1]?.no ?? l.no }));
      return ingestLines(doc, cleaned, 'docx', sidecar);
    }
    default:
      return ingestText(doc, bytes, sidecar);
  }
}

function sourceText(l: Line): string {
  return l.cells ? l.cells.join('\t') : l.text;
}
