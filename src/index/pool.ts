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

export async function readReports(reqs: ReadRequest[], onRead: (r: ReadResult, done: number) => void, workers = defaultWorkers(reqs.length), log?: (m: string) => void): Promise<ReadResult[]> {
  if (workers > 1) {
    try {
      return await inWorkers(reqs, onRead, workers);
    } catch (e) {
      log?.(`worker threads failed (${(e as Error).message}); reading in one thread`);
    }
  }
  const results: ReadResult[] = [];
  for (const req of reqs) {
    results.push(await readReport(req));
    onRead(results[results.length - 1], results.length);
  }
  return results;
}

async function inWorkers(reqs: ReadRequest[], onRead: (r: ReadResult, done: number) => void, workers: number): Promise<ReadResult[]> {
  const results: ReadResult[] = new Array(reqs.length);
  let done = 0;
  let next = 0;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    const send = () => {
      if (next >= reqs.length) { resolve(); return; }
      const i = next++;
      worker.once('message', (r: ReadResult) => { results[i] = r; onRead(r, ++done); send(); });
      worker.postMessage(reqs[i]);
    };
    worker.once('error', reject);
    send();
  });
  const pool = Array.from({ length: workers }, () => new Worker(WORKER));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

function defaultWorkers(files: number): number {
  return files < PARALLEL_FROM ? 1 : Math.min(availableParallelism(), files);
}
