/**
 * Figures measured in a new process (bench/fresh-child.ts), so that no module, JIT, tokenizer or heap state of
 * the bench's own process is reused: building, opening, and cold start to the first answer.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { MetricRequest } from '../src/query/metric.js';
import type { IndexLocation } from '../src/index/build.js';
import type { ChildArgs } from './fresh-child.js';

const CHILD = new URL('./fresh-child.ts', import.meta.url).pathname;

/** Runs the child with this process's loader and flags (tsx, --expose-gc); returns its JSON and the wall time. */
function child<T>(mode: string, args: ChildArgs): [T, number] {
  const t = performance.now();
  const out = execFileSync(process.execPath, [...process.execArgv, CHILD, mode, JSON.stringify(args)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [JSON.parse(out.trim().split('\n').pop()!) as T, performance.now() - t];
}

export interface BuildFigures {
  /** Process start to exit, as a user running the indexer waits. */
  wallMs: number;
  /** ReportIndex.open alone, inside the process. */
  openMs: number;
  /** Peak resident memory of the process (worker threads included). */
  peakRssBytes: number;
}

export function freshBuild(location: IndexLocation): BuildFigures {
  const [r, wallMs] = child<{ openMs: number; maxRssKb: number }>('build', { location });
  return { wallMs, openMs: r.openMs, peakRssBytes: r.maxRssKb * 1024 };
}

export interface OpenFigures {
  openMs: number;
  heapBytes: number;
}

export function freshOpen(location: IndexLocation): OpenFigures {
  return child<OpenFigures>('open', { location })[0];
}

/** Times since process start (performance.timeOrigin) at which each step was done. */
export interface ColdFigures {
  importedMs: number;
  openedMs: number;
  askedMs: number;
  answeredMs: number;
  askAnswered: boolean;
  metricAnswered: boolean;
}

export function coldStart(location: IndexLocation, metric: MetricRequest): ColdFigures {
  const question = `${metric.district}${metric.year}年${metric.query}是多少`;
  return child<ColdFigures>('cold', { location, question, metric })[0];
}
