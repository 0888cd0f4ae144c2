/**
 * Reads many files on every core: ingesting, extracting facts and tokenizing are independent per file, so a
 * large build spreads them over worker threads and the indexing thread only fills the search index. A few
 * files are read in-process, where starting workers (each loads jieba) would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readReport, type ReadRequest, type ReadResult } from './read.js';

/** Below this many files the build stays in one thread. */
const PARALLEL_FROM = 24;

const WORKER = new URL('./worker.mjs', import.meta.url);

export async function readReports(reqs: ReadRequest[], onRead: (r: ReadResult, done: number, i: number) => void, workers = defaultWorkers(reqs.length), log?: (m: string) => void, reader?: Reader): Promise<void> {
  const delivered = new Set<number>();
  const deliver = (r: ReadResult, i: number) => { delivered.add(i); onRead(r, delivered.size, i); };
  // A few files for a running index: its reading thread, so the main thread keeps answering.
  if (reader && workers <= 1) {
    for (const [i, req] of reqs.entries()) deliver(await reader.read(req), i);
    return;
  }
  if (workers > 1) {
    try {
      return await inWorkers(reqs, deliver, workers);
    } catch (e) {
      log?.(`worker threads failed (${(e as Error).message}); reading the rest in one thread`);
    }
  }
  for (const [i, req] of reqs.entries()) if (!delivered.has(i)) deliver(await readReport(req), i);
}

/**
 * Results arrive in the order workers finish; onRead gets each with its request's position. Each worker
 * has two files in hand, so it keeps reading while this thread is busy adding the previous file.
 */
async function inWorkers(reqs: ReadRequest[], onRead: (r: ReadResult, i: number) => void, workers: number): Promise<void> {
  let next = 0;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    const send = () => {
      if (next < reqs.length) { worker.postMessage({ i: next, req: reqs[next++] }); inFlight++; }
      if (inFlight === 0) resolve();
    };
    worker.on('message', ({ i, r }: { i: number; r: ReadResult }) => { inFlight--; onRead(r, i); send(); });
    worker.once('error', reject);
    send();
    send();
  });
  const pool = Array.from({ length: workers }, () => new Worker(WORKER));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

function defaultWorkers(files: number): number {
  return files < PARALLEL_FROM ? 1 : Math.min(availableParallelism(), files);
}

/**
 * One worker thread kept for the refreshes of a running index: a report that lands while the bot answers is
 * read (decoded, segmented, its facts extracted, tokenized) off the main thread, so answering never waits
 * for it. Started once, when the index is open, since starting a worker loads jieba again (about a second).
 */
export class Reader {
  private worker?: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: ReadResult) => void; reject: (e: Error) => void }>();

  /** Starts the worker ahead of the first report; without a worker, read() falls back to this thread. */
  start(log?: (m: string) => void): void {
    if (this.worker) return;
    const worker = new Worker(WORKER);
    worker.on('message', ({ i, r }: { i: number; r: ReadResult }) => {
      this.waiting.get(i)?.resolve(r);
      this.waiting.delete(i);
      if (!this.waiting.size) worker.unref();
    });
    worker.on('error', (e) => {
      log?.(`the reading thread failed (${e.message}); reports are read in the main thread from now on`);
      this.stopWith(e);
    });
    // After the listeners: attaching a 'message' listener refs the worker's port again. Unref'd while idle,
    // the reader never keeps a finished process alive.
    worker.unref();
    this.worker = worker;
  }

  read(req: ReadRequest): Promise<ReadResult> {
    const worker = this.worker;
    if (!worker) return readReport(req);
    const i = this.next++;
    // Held while a report is being read: a process waiting only for it must not exit.
    if (!this.waiting.size) worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(i, { resolve, reject });
      worker.postMessage({ i, req });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** A dead worker: the refresh it was reading for fails (and is logged); the next one reads in this thread. */
  private stopWith(e: Error): void {
    this.worker = undefined;
    for (const { reject } of this.waiting.values()) reject(e);
    this.waiting.clear();
  }
}
