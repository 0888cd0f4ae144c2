/**
 * The terminal chat: the same commands and handlers as Discord, at a prompt or from a pipe
 * (`printf '/metric 徐汇 2024 绿地\n' | npm start` answers each line and exits at the end of input).
 */
import { createInterface } from 'node:readline';
import type { ReportIndex } from '../index/build.js';
import { QueryError } from '../query/answer.js';
import { runText } from '../../commands/run.js';
import { ANSI, PLAIN, renderText } from '../render/text.js';
import { escapeControls } from '../render/safe.js';
import type { Logger } from '../log.js';

export async function runTerminal(
  index: () => ReportIndex,
  log: Logger,
  input = process.stdin,
  output = process.stdout,
): Promise<void> {
  const interactive = Boolean(input.isTTY && output.isTTY);
  const style = output.isTTY ? ANSI : PLAIN;
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    crlfDelay: Infinity,
  });
  if (interactive) {
    rl.setPrompt('问> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) output.write(`${answer(text, index(), log, style)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}

function answer(text: string, index: ReportIndex, log: Logger, style: typeof PLAIN): string {
  try {
    return renderText(runText(text, { index }).answer, style);
  } catch (e) {
    // Messages quote what was typed (a place, a keyword): its control characters are shown, not acted on.
    if (e instanceof QueryError) return `⚠ ${escapeControls(e.message, true)}`;
    log.error('command failed', e);
    return `⚠ 出错了:${escapeControls((e as Error).message, true)}`;
  }
}
