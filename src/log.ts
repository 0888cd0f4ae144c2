/**
 * A small leveled logger that never prints secrets: registered values are replaced wherever they appear. One
 * event is one line: control and direction characters in a message (a file named "a\nERROR forged" or
 * "报告\u202Etxt.exe") are written escaped, so a log line cannot be forged or shown reordered; only an error's
 * stack keeps its own line breaks.
 */
import { escapeControls } from './render/safe.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export function createLogger(
  level: Level,
  secrets: (string | undefined)[] = [],
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const hidden = secrets.filter((s): s is string => Boolean(s && s.length >= 8));
  const redact = (s: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), s);
  const emit = (at: Level, msg: string, extra?: unknown) => {
    if (ORDER[at] < ORDER[level]) return;
    const detail =
      extra === undefined ? '' : ` ${extra instanceof Error ? errorText(extra) : escapeControls(safeJson(extra))}`;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${escapeControls(msg)}${detail}`));
  };
  return {
    debug: (m, e) => emit('debug', m, e),
    info: (m, e) => emit('info', m, e),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
  };
}

/**
 * The stack, whose frames keep their line breaks; the message at its head (which may quote a file name) is
 * escaped whole, so a newline inside it cannot start a line of its own.
 */
function errorText(e: Error): string {
  const head = `${e.name}: ${e.message}`;
  const stack = e.stack ?? head;
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => escapeControls(l))
      .join('\n');
  return stack.startsWith(head) ? escapeControls(head) + lines(stack.slice(head.length)) : lines(stack);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
