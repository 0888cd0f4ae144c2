/**
 * PDFs are read in a thread of their own. pdfjs-dist's Node build (the one that supports Node 20) installs
 * core-js polyfills on load that replace JSON.stringify, JSON.parse and Array.prototype.push with script
 * versions; in the indexing thread that made saving the 200× index 20× slower. The thread starts with the
 * first PDF and keeps the process alive only while a PDF is being read.
 */
import { Worker } from 'node:worker_threads';
import { UnreadableFile } from './decode.js';
import type { PdfLine } from './pdf-text.js';

export type { PdfLine } from './pdf-text.js';

interface Reply {
  id: number;
  lines?: PdfLine[];
  error?: string;
  unreadable?: boolean;
}

let thread: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (l: PdfLine[]) => void; reject: (e: Error) => void }>();

function pdfThread(): Worker {
  if (thread) return thread;
  const w = new Worker(new URL('./pdf-thread.mjs', import.meta.url));
  w.unref();
  w.on('message', ({ id, lines, error, unreadable }: Reply) => {
    const wait = waiting.get(id);
    waiting.delete(id);
    if (!waiting.size) w.unref();
    if (lines) wait?.resolve(lines);
    else wait?.reject(unreadable ? new UnreadableFile(error ?? 'unreadable PDF') : new Error(error));
  });
  w.on('error', (e) => {
    for (const wait of waiting.values()) wait.reject(e);
    waiting.clear();
    thread = null;
  });
  w.on('exit', () => {
    thread = null;
  });
  thread = w;
  return w;
}

export function pdfLines(bytes: Uint8Array): Promise<PdfLine[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const w = pdfThread();
    w.ref();
    w.postMessage({ id, bytes });
  });
}
