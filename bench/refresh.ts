/**
 * A new report lands in the reports folder of a running bot: the time until a search finds it, and the longest
 * the event loop stood still meanwhile (every request arriving then waits that long). The report is a copy of
 * the corpus's first one, given to another of its places and moved years past every other report, so that a
 * search filtered on that place and year finds nothing else; it is removed again afterwards.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReportIndex } from '../src/index/build.js';

/** Years added to the copy: past every year the seeds and the generator's shifts (−4…+3) produce. */
const YEAR_SHIFT = 20;
const TIMEOUT_MS = 60_000;

export interface RefreshFigures {
  /** File written → a search finds one of its passages. */
  answerMs: number;
  /** Longest event-loop delay seen by monitorEventLoopDelay (10 ms resolution: its ticks' period included). */
  stallMs: number;
  /** Longest gap between the ticks of a 5 ms interval: the same thing, measured another way. */
  tickGapMs: number;
}

interface NewReport {
  doc: string;
  text: string;
  district: string;
  year: number;
  word: string;
}

function newReport(index: ReportIndex, seedsDir: string, words: string[]): NewReport {
  const reports = [...index.corpus.reports].sort((a, b) => a.doc.localeCompare(b.doc));
  const src = reports[0];
  const other = index.corpus.places.find((e) => e.key !== src?.district);
  if (!src || !other) throw new Error('new report: the corpus needs reports from two places');
  // The text names its place by its short name (长宁), which a key may qualify (上海长宁): the copy is given
  // the other place's short name, and found under that place's key.
  const district = other.key;
  const text = readFileSync(join(seedsDir, src.doc), 'utf8')
    .split(src.place?.short ?? src.district)
    .join(other.place?.short ?? other.key)
    .replace(/(20\d\d)(\s*年)/g, (_m, y, g) => `${Number(y) + YEAR_SHIFT}${g}`);
  const word = words.find((w) => text.includes(w));
  if (!word) throw new Error(`new report: none of the query words is in ${src.doc}`);
  return { doc: `zz_new_${process.pid}.txt`, text, district, year: (src.reportYear ?? 2024) + YEAR_SHIFT, word };
}

/** Tracks the longest gap between ticks of a 5 ms interval, as a cross-check of the delay histogram. */
function tickGaps(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return longest;
    },
  };
}

export async function benchNewReport(index: ReportIndex, seedsDir: string, words: string[]): Promise<RefreshFigures> {
  const r = newReport(index, seedsDir, words);
  const path = join(seedsDir, r.doc);
  const found = () =>
    index
      .searchPassages(r.word, { district: r.district, year: r.year }, 50)
      .some((h) => index.passage(h.id)?.doc === r.doc);
  if (found()) throw new Error(`new report: ${r.word} in ${r.district} ${r.year} is found before the report lands`);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const gaps = tickGaps();
  delay.enable();
  // The monitor's timer first runs on the loop's next turn: a stall before that would go unseen.
  await sleep(20);
  const t = performance.now();
  let answerMs = NaN;
  let tickGapMs = NaN;
  try {
    writeFileSync(path, r.text);
    while (performance.now() - t < TIMEOUT_MS) {
      await index.refresh();
      if (found()) {
        answerMs = performance.now() - t;
        break;
      }
      await sleep(5);
    }
    // The monitor and the interval only see a stall when their next tick runs late: let it run.
    await sleep(30);
  } finally {
    delay.disable();
    tickGapMs = gaps.stop();
    rmSync(path, { force: true });
    await index.refresh();
  }
  return { answerMs, stallMs: delay.max / 1e6, tickGapMs };
}
