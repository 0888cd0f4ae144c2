/**
 * A saved report web page → the article's text, one line per paragraph, heading or table row (cells
 * tab-separated, as the text path expects). Mozilla's Readability finds the article on a linkedom DOM, so
 * navigation, comments, footers and scripts never reach the index; line numbers are those of this text.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decode, UnreadableFile } from './decode.js';
import { domBlocks } from './dom.js';

// What a page wraps around an article; dropped when Readability finds no article and the body is used.
const CHROME = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, button, select';

export function htmlText(bytes: Uint8Array): string {
  const html = decodeHtml(bytes);
  const { document } = parseHTML(html);
  const article = new Readability(document, { charThreshold: 200 }).parse();
  let root: Element;
  if (article?.content) {
    root = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body;
  } else {
    const again = parseHTML(html).document;
    again.querySelectorAll(CHROME).forEach((el: { remove(): void }) => el.remove());
    root = again.body;
  }
  const lines = blockLines(root);
  const title = article?.title?.trim();
  if (title && !lines.slice(0, 5).some((l) => l.includes(title))) lines.unshift(title);
  const text = lines.join('\n');
  if (!text.trim()) throw new UnreadableFile('the page has no article text');
  return text;
}

/** The charset the page declares (meta charset / http-equiv), else detection as for text files. */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i)?.[1]?.toLowerCase();
  const label = declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared) ? 'gb18030' : declared;
  if (label) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: fall through to detection.
    }
  }
  return decode(bytes).text;
}

/** Lines of text in document order; a table row is one line of tab-separated cells. */
function blockLines(root: Element): string[] {
  const collapse = (t: string) => t.replace(/\s+/g, ' ').trim();
  return domBlocks(root, {
    lineBreak: 'break',
    textNode: (raw) => raw,
    blockText: collapse,
    cellText: (cell) => collapse(cell.textContent ?? ''),
  }).map((b) => (b.cells ? b.cells.join('\t') : b.text));
}
