/**
 * The block walk shared by web pages and Word files (both arrive as a DOM): text gathered into blocks at block
 * elements, table rows kept as cells. What differs between the two formats is passed in: what a line break
 * means, how text and cells are normalised.
 */

/**
 * Elements that end the line before them and start a new one after them. Word files arrive through mammoth,
 * which writes a subset of these (paragraphs, headings, lists, tables), so one set serves both formats.
 */
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'CENTER',
  'DL',
  'DT',
  'DD',
  'FIGURE',
  'FIGCAPTION',
  'HR',
]);

export interface DomBlock {
  text: string;
  /** A table row's cells; its text is the cells joined by a space. */
  cells?: string[];
}

export interface WalkOptions {
  /** 'break' ends the block (a web page's <br> is a line); 'space' keeps it (a Word soft break). */
  lineBreak: 'break' | 'space';
  /** Applied to each text node as it is read. */
  textNode(raw: string): string;
  /** Applied to a block's gathered text; an empty result is no block. */
  blockText(gathered: string): string;
  cellText(cell: Element): string;
}

/** Non-empty blocks in document order. */
export function domBlocks(root: Element, o: WalkOptions): DomBlock[] {
  const out: DomBlock[] = [];
  let current = '';
  const flush = () => {
    const t = o.blockText(current);
    if (t) out.push({ text: t });
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += o.textNode(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') {
      if (o.lineBreak === 'break') flush();
      else current += ' ';
      return;
    }
    if (el.tagName === 'TR') {
      flush();
      const cells = [...el.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH').map(o.cellText);
      if (cells.some(Boolean)) out.push({ text: cells.join(' '), cells });
      return;
    }
    const block = BLOCKS.has(el.tagName);
    if (block) flush();
    el.childNodes.forEach(walk);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}
