/**
 * What commands share with the adapters: the context a handler runs in and the transport-neutral Reply it
 * returns. How a command is declared is in define.ts.
 */
import type { ReportIndex } from '../src/index/build.js';
import type { Answer } from '../src/query/answer.js';

export interface CommandContext {
  index: ReportIndex;
}

/** Follow-ups a reply offers: post it publicly, show the passages around it, the next page. */
export type Action =
  { kind: 'share' } | { kind: 'context'; citeId: string } | { kind: 'more'; next: Record<string, unknown> };

export interface Reply {
  answer: Answer;
  actions: Action[];
}

export interface Choice {
  name: string;
  value: string;
}
