import type { Fact, Passage, ReportMeta } from '../types.js';

export function extractFacts(_passages: Passage[], _meta: ReportMeta): Fact[] {
  return [];
}
