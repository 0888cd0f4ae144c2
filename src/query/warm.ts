/**
 * One lookup of each kind, run before the bot takes interactions: the first people to ask should not wait for
 * one-time set-up (OpenCC's table, jieba's first calls, the words of every metric label, the JIT), which
 * takes about 400 ms on the seeds and would land on whoever asks first.
 */
import type { ReportIndex } from '../index/build.js';
import { QueryError } from './answer.js';
import { ask } from './ask.js';
import { lookupMetric } from './metric.js';
import { search } from './search.js';

export function warmUp(index: ReportIndex): void {
  const f = index.corpus.facts[0];
  if (!f) return;
  const quietly = (run: () => unknown) => {
    try { run(); } catch (e) { if (!(e instanceof QueryError)) throw e; }
  };
  quietly(() => lookupMetric(index, { district: f.district, year: f.period.year, query: f.label }));
  quietly(() => ask(index, `${f.district}${f.period.year}年${f.label}是多少`));
  quietly(() => search(index, { query: f.label, district: f.district }));
}
