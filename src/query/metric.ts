import type { Fact, PeriodKind } from '../types.js';
import type { ReportIndex } from '../index/build.js';
import { QueryError, type MetricAnswer } from './answer.js';
import type { ResolvedQuestion } from './resolve.js';

export interface MetricRequest { district: string; year: number; query: string; kind?: PeriodKind }

export function lookupMetric(_index: ReportIndex, _req: MetricRequest): MetricAnswer {
  throw new QueryError('NOT_IMPLEMENTED', 'metric lookup is not implemented yet');
}

export function answerFromFacts(_index: ReportIndex, _r: ResolvedQuestion): MetricAnswer | null {
  return null;
}

export function listFacts(index: ReportIndex, f: { district?: string; year?: number; kind?: PeriodKind }): Fact[] {
  return index.corpus.facts.filter((x) => (!f.district || x.district === f.district) && (!f.year || x.period.year === f.year) && (!f.kind || x.period.kind === f.kind));
}
