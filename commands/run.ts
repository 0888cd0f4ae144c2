/** Validates raw options with the command's schema and runs its handler; bad options become a clear message. */
import type { Corpus } from '../src/types.js';
import { QueryError } from '../src/query/answer.js';
import { COMMANDS, findCommand } from './index.js';
import type { CommandContext, Reply } from './types.js';

export function runCommand(name: string, raw: Record<string, unknown>, ctx: CommandContext): Reply {
  const command = findCommand(name);
  if (!command) throw new QueryError('BAD_REQUEST', `没有 /${name} 命令。可用:${COMMANDS.map((c) => `/${c.name}`).join(' ')}`);
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const parsed = command.schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new QueryError('BAD_REQUEST', `/${name}:${parsed.error.issues.map((i) => i.message).join(';')}`);
  }
  return remembered(ctx.index.corpus, `${name}\0${JSON.stringify(parsed.data)}`, () => command.handle(parsed.data, ctx));
}

// The replies (and "not found" answers) to the most recent requests, per corpus. A channel asks the same few
// things, and 公开分享 / 更多结果 re-run the command they belong to. Replies are never mutated downstream; a live
// refresh makes a new corpus, so nothing outlives the reports it came from.
const RECENT = 500;
type Outcome = { reply: Reply } | { error: QueryError };
const recent = new WeakMap<Corpus, Map<string, Outcome>>();

function remembered(corpus: Corpus, key: string, run: () => Reply): Reply {
  let memo = recent.get(corpus);
  if (!memo) recent.set(corpus, (memo = new Map()));
  let outcome = memo.get(key);
  if (outcome) memo.delete(key);
  else {
    try { outcome = { reply: run() }; } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      outcome = { error: e };
    }
    if (memo.size >= RECENT) memo.delete(memo.keys().next().value!);
  }
  memo.set(key, outcome);
  if ('error' in outcome) throw outcome.error;
  return outcome.reply;
}

/** "/metric 徐汇 2024 绿地" or a plain question (→ /ask). */
export function runText(line: string, ctx: CommandContext): Reply {
  const m = line.trim().match(/^\/(\S+)\s*([\s\S]*)$/);
  if (!m) return runCommand('ask', { question: line.trim() }, ctx);
  const command = findCommand(m[1]);
  if (!command) throw new QueryError('BAD_REQUEST', `没有 /${m[1]} 命令。可用:${COMMANDS.map((c) => `/${c.name}`).join(' ')}`);
  return runCommand(command.name, command.fromText(m[2]), ctx);
}
