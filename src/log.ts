/** A small leveled logger that never prints secrets: registered values are replaced wherever they appear. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export function createLogger(level: Level, secrets: (string | undefined)[] = [], write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const hidden = secrets.filter((s): s is string => Boolean(s && s.length >= 8));
  const redact = (s: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), s);
  const emit = (at: Level, msg: string, extra?: unknown) => {
    if (ORDER[at] < ORDER[level]) return;
    const detail = extra === undefined ? '' : ` ${extra instanceof Error ? extra.stack ?? extra.message : safeJson(extra)}`;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${msg}${detail}`));
  };
  return { debug: (m, e) => emit('debug', m, e), info: (m, e) => emit('info', m, e), warn: (m, e) => emit('warn', m, e), error: (m, e) => emit('error', m, e) };
}

function safeJson(v: unknown): string {
  try { return JSON.stringify(v); } catch { return String(v); }
}
