import type { ReportIndex } from '../index/build.js';
import type { ReportsAnswer } from './answer.js';

export function listReports(index: ReportIndex): ReportsAnswer {
  const { corpus } = index;
  return {
    type: 'reports',
    reports: corpus.reports.map((r) => ({
      ...r,
      ...index.counts(r.doc),
    })),
    skipped: corpus.skipped,
  };
}
