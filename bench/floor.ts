/**
 * The physical floor of a build: jieba alone tokenizing the reports' text on one core (this thread), with no
 * extraction, no search index and no store. No build on one core can be faster than this.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { initTokenizer, words } from '../src/text/tokenizer.js';

/** Above this much input, a sample is timed and the total extrapolated. */
const SAMPLE_BYTES = 40 * 1024 * 1024;

export interface FloorFigures {
  mbPerSec: number;
  /** Seconds for all the input at that rate. */
  seconds: number;
  sampledBytes: number;
  totalBytes: number;
}

export function jiebaFloor(dir: string): FloorFigures {
  const files = readdirSync(dir).sort();
  const totalBytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  initTokenizer();
  words('预热分词器'); // jieba compiles and loads its dictionary on first use: start-up is not throughput
  let sampledBytes = 0;
  let ms = 0;
  for (const f of files) {
    if (sampledBytes >= SAMPLE_BYTES) break;
    const text = readFileSync(join(dir, f), 'utf8');
    const t = performance.now();
    words(text);
    ms += performance.now() - t;
    sampledBytes += Buffer.byteLength(text);
  }
  const mbPerSec = sampledBytes / 1024 / 1024 / (ms / 1000);
  return { mbPerSec, seconds: totalBytes / 1024 / 1024 / mbPerSec, sampledBytes, totalBytes };
}
