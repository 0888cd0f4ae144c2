/** The command registry: explicit imports, so nothing depends on reading the folder at run time. */
import { ask } from './ask.js';
import { cite } from './cite.js';
import { help } from './help.js';
import { metric } from './metric.js';
import { reports } from './reports.js';
import { search } from './search.js';
import type { Command } from './types.js';

export const COMMANDS: Command[] = [metric, ask, search, reports, cite, help] as unknown as Command[];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export type { Command, CommandContext, Reply, Action, Choice } from './types.js';
