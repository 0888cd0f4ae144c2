/**
 * The batch contract (DESIGN.md): JSON lines in, one JSON line out per line in, in order. Every line is
 * answered, so a caller can pair replies with requests by position as well as by id: a blank, malformed or
 * invalid line gets an error reply that carries its line number, and the request's own id when it has a usable
 * one (a string, or a number echoed as it came), else the line number as the id.
 *
 * A request runs through runCommand, as a chat command does: the same option schemas, limits and messages. Its
 * fields are the contract's (`query` for /metric's keyword, `place` or `district` for the place); each command's
 * definition says which fields carry which option.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { ReportIndex } from '../index/build.js';
import { QueryError } from '../query/answer.js';
import { answerJson } from '../render/json.js';
import { COMMANDS, findCommand } from '../../commands/index.js';
import { MAX_LENGTH } from '../../commands/limits.js';
import { BadOptions, runCommand } from '../../commands/run.js';

/** A line longer than this is refused unread: no request is anywhere near it, and parsing it would cost. */
export const MAX_LINE = 1_000_000;

const Envelope = z.object({ id: z.string().max(MAX_LENGTH.id, `id is longer than ${MAX_LENGTH.id} characters`) });

type Reply = Record<string, unknown>;
type Id = string | number;

function refusal(id: Id, line: number, message: string, code = 'BAD_REQUEST'): Reply {
  return { id, ok: false, line, error: { code, message: `line ${line}: ${message}` } };
}

/** The id a reply carries: the request's own when it is a bounded string or a number, else the line number. */
function replyId(raw: unknown, line: number): Id {
  const given = isObject(raw) ? raw.id : undefined;
  if (typeof given === 'string' && given.length <= MAX_LENGTH.id) return given;
  if (typeof given === 'number' && Number.isFinite(given)) return given;
  return line;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One request line (1-based `line`) → its reply. Never throws: whatever goes wrong is the reply. */
export function answerLine(index: ReportIndex, text: string, line: number): Reply {
  if (!text.trim()) return refusal(line, line, 'blank line; expected one JSON request');
  if (text.length > MAX_LINE) return refusal(line, line, `longer than ${MAX_LINE} characters; not read`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return refusal(line, line, `not JSON (${(e as Error).message})`);
  }
  const rid = replyId(raw, line);
  if (!isObject(raw))
    return refusal(rid, line, 'a request is a JSON object such as {"id":"q1","command":"ask","question":"…"}');
  const command = typeof raw.command === 'string' ? findCommand(raw.command) : undefined;
  if (!command)
    return refusal(
      rid,
      line,
      `command must be one of ${COMMANDS.map((c) => c.name).join(', ')}${typeof raw.command === 'string' ? `, not "${raw.command.slice(0, 40)}"` : ''}`,
    );
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success)
    return refusal(
      rid,
      line,
      envelope.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
    );
  try {
    return {
      id: rid,
      ok: true,
      ...(answerJson(runCommand(command.name, command.fromBatch(raw), { index }).answer) as Reply),
    };
  } catch (e) {
    if (e instanceof BadOptions)
      return refusal(rid, line, e.issues.map((i) => `${i.path || 'request'}: ${i.message}`).join('; '));
    if (e instanceof QueryError)
      return { id: rid, ok: false, error: { code: e.code, message: e.message, suggestions: e.suggestions } };
    return refusal(rid, line, (e as Error)?.message ?? String(e), 'INTERNAL');
  }
}

/** Reads requests until the input ends, writing each reply as soon as it is ready (and waiting when the reader is slow). */
export async function runBatch(index: ReportIndex, input: Readable, output: Writable): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!output.write(`${JSON.stringify(answerLine(index, text, line))}\n`)) await once(output, 'drain');
  }
}
