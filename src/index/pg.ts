/**
 * A synchronous PostgreSQL connection. The index's read paths (search, the corpus view) are synchronous, as
 * they are over SQLite; node-postgres is not. So the connection lives in a thread of its own (pg-thread.mjs)
 * and each query waits for its answer on a shared flag: a loopback round trip costs about half a millisecond.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SqlReader } from './stored.js';

/** How long one statement may take before the caller is told the server does not answer. */
const STATEMENT_TIMEOUT_MS = 120_000;

export class PgError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Reply = { rows: Record<string, unknown>[] } | { error: { message: string; code?: string } };

export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private depth = 0;
  /** The number of the last statement sent. */
  private sent = 0;

  constructor(readonly url: string) {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    this.signal = new Int32Array(flag);
    this.port = port1;
    this.worker = new Worker(new URL('./pg-thread.mjs', import.meta.url), {
      workerData: { url, port: port2, flag },
      transferList: [port2],
    });
    // The thread never keeps a finished process alive: a query waits for it synchronously anyway.
    this.worker.unref();
  }

  /** The server's rows for one statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): T[] {
    const seq = ++this.sent;
    this.port.postMessage({ seq, sql, params });
    const reply = this.replyTo(seq, Date.now() + STATEMENT_TIMEOUT_MS);
    if ('error' in reply) throw new PgError(reply.error.message, reply.error.code);
    return reply.rows as T[];
  }

  /**
   * Waits until the thread has answered statement `seq` (it writes the number of the last statement answered
   * into the shared flag after posting the reply), then takes the reply from the port. A reply can show up
   * on the port a moment after the flag, so an empty port is polled briefly; replies to statements given up on
   * earlier are dropped.
   */
  private replyTo(seq: number, deadline: number): Reply {
    for (;;) {
      const answered = Atomics.load(this.signal, 0);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new PgError(`PostgreSQL at ${redacted(this.url)} did not answer within ${STATEMENT_TIMEOUT_MS / 1000} s`);
      }
      if (answered < seq) {
        Atomics.wait(this.signal, 0, answered, left);
        continue;
      }
      const reply = receiveMessageOnPort(this.port)?.message as (Reply & { seq: number }) | undefined;
      if (reply?.seq === seq) return reply;
      if (!reply) Atomics.wait(this.signal, 0, answered, 1);
    }
  }

  /**
   * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. Nests by joining.
   * `begin` may ask for a snapshot (BEGIN ISOLATION LEVEL REPEATABLE READ) for reads that must agree.
   */
  transaction<T>(fn: () => T, begin = 'BEGIN'): T {
    if (this.depth > 0) return fn();
    this.query(begin);
    this.depth++;
    try {
      const result = fn();
      this.query('COMMIT');
      return result;
    } catch (e) {
      try {
        this.query('ROLLBACK');
      } catch {
        // The connection is gone: the server rolls the transaction back itself.
      }
      throw e;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/** The URL as it may be shown: without its password. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** Reads through the connection with the `?` placeholders stored.ts writes for both stores. */
export function pgReader(db: SyncPg): SqlReader {
  return { all: <T>(sql: string, params: unknown[] = []) => db.query<T>(numbered(sql), params) };
}

/** SQL with `?` placeholders (as stored.ts writes it for both stores) in PostgreSQL's `$1, $2…`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.includes('?') ? sql.replace(/\?/g, () => `$${++n}`) : sql;
}
