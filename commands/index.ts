/** The command registry: explicit imports, so nothing depends on reading the folder at run time. */
import { ask } from './ask.js';
import { cite } from './cite.js';
import { compare } from './compare.js';
import type { Command } from './define.js';
import { help } from './help.js';
import { metric } from './metric.js';
import { reports } from './reports.js';
import { search } from './search.js';
import { trend } from './trend.js';

export const COMMANDS: readonly Command[] = [metric, ask, search, trend, compare, reports, cite, help];

/** Keyed by each definition's own name, so a name is written in one place. */
const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

export function findCommand(name: string): Command | undefined {
  return BY_NAME.get(name);
}

export type { CommandContext, Reply, Action, Choice } from './types.js';
export type { Command } from './define.js';
