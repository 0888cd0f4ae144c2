/**
 * How long each text a user sends may be. One table for the zod schemas, the Discord definitions
 * (setMaxLength, so the client stops a user before sending) and the batch contract. Real requests are far
 * shorter (the longest question in the evaluation sets is 28 characters); the limits keep a pasted document
 * from costing seconds of work and megabytes of cache, and it is refused with the limit named, never cut.
 */
import { z } from 'zod';

export const MAX_LENGTH = {
  question: 300,
  keyword: 100,
  query: 200,
  place: 50,
  citeId: 100,
  /** A batch line's id: echoed in its reply, so it is bounded like everything else that comes back. */
  id: 200,
} as const;

/**
 * A trimmed string of at most `max` characters; a longer one fails with `tooLong` alone (which should name the
 * limit), and no later check of the chain looks at it. `missing` is the message when there is no string at all
 * (a batch line without the field, a bare "/metric").
 */
export function boundedText(max: number, tooLong: string, missing?: string) {
  return z
    .string(missing ? { error: missing } : undefined)
    .trim()
    .max(max, { error: tooLong, abort: true });
}

export const tooLong = (what: string, max: number) => `${what}太长了:最多 ${max} 字,请缩短后再试`;
