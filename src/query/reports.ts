import type { ReportIndex } from '../index/build.js';
import type { ReportsAnswer } from './answer.js';

export function listReports(index: ReportIndex): ReportsAnswer {
  const { corpus } = index;
  return {
    type: 'reports',
    reports: corpus.reports.map((r) => ({
      ...r,
      passages: index.passagesOf(r.doc).length,
      facts: index.factsOf(r.doc).length,
    })),
    skipped: corpus.skipped,
  };
}
