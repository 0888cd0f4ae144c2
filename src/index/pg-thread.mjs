// The PostgreSQL connection's own thread (pg.ts): node-postgres is asynchronous and the index's read paths are
// synchronous, so this thread runs each query while the caller waits on a shared flag. Plain JavaScript: it
// needs nothing but `pg`, and starts without a TypeScript loader.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, port, flag } = workerData;
const signal = new Int32Array(flag);
const client = new pg.Client({ connectionString: url, application_name: 'gov-report-bot' });
// A failed connection is answered to every query with the reason, so the caller's message names it.
const connected = client.connect().then(
  () => undefined,
  (e) => e,
);
client.on('error', () => {
  // A dropped connection fails the next query, which reports it; nothing to do here.
});

// Buffers cross threads as plain Uint8Arrays; node-postgres sends only Buffers as bytea. PostgreSQL text cannot
// hold U+0000, which a report may (decode.ts admits a few control bytes): it is stored as U+FFFD, as a
// byte that cannot be decoded is, rather than failing the report.
const param = (v) => {
  if (typeof v === 'string') return v.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v;
  if (Array.isArray(v)) return v.map(param);
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v;
};

port.on('message', async ({ seq, sql, params }) => {
  let reply;
  try {
    const failed = await connected;
    if (failed) throw failed;
    const result = await client.query(sql, (params ?? []).map(param));
    reply = { rows: result.rows ?? [] };
  } catch (e) {
    reply = { error: { message: e instanceof Error ? e.message : String(e), code: e?.code } };
  }
  port.postMessage({ seq, ...reply });
  Atomics.store(signal, 0, seq);
  Atomics.notify(signal, 0);
});

port.on('close', () => void client.end().catch(() => {}));
