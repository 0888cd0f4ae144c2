/**
 * Interaction → reply latency through discord.js against the fake Discord used by the tests, which runs in
 * a worker thread (discord-server.ts) so that only the bot's own work is on the bot's event loop.
 */
import { Worker } from 'node:worker_threads';
import { createBot } from '../src/adapters/discord.js';
import { createLogger } from '../src/log.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import type { ReportIndex } from '../src/index/build.js';
import { slash } from '../tests/fake-discord.js';

function next<T>(worker: Worker, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => { if (key in m) { worker.off('message', on); resolve(m as T); } };
    worker.on('message', on);
  });
}

export async function benchDiscord(index: ReportIndex, concurrent: number, rounds: number): Promise<{ p50: number; p95: number }> {
  const server = new Worker(new URL('./discord-server.mjs', import.meta.url));
  const { apiUrl } = await next<{ apiUrl: string }>(server, 'apiUrl');
  const ready = next(server, 'ready');
  const client = createBot({ index: () => index, log: createLogger('error'), limiter: new RateLimiter(1e9, 1), clientOptions: { rest: { api: apiUrl } } });
  await client.login('bench-token-bench-token-bench-token-bench-token-00');
  await ready;
  const cases = [
    () => slash('metric', [{ name: 'district', type: 3, value: '徐汇' }, { name: 'year', type: 4, value: 2024 }, { name: 'keyword', type: 3, value: '绿地' }]),
    () => slash('ask', [{ name: 'question', type: 3, value: '长宁区为老人购买了什么保险' }]),
    () => slash('search', [{ name: 'query', type: 3, value: '架空线入地' }]),
  ];
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const burst = Array.from({ length: concurrent }, (_, i) => cases[i % cases.length]());
    const done = next<{ times: number[] }>(server, 'times');
    server.postMessage({ burst });
    times.push(...(await done).times);
  }
  await client.destroy();
  const stopped = next(server, 'stopped');
  server.postMessage({ stop: true });
  await stopped;
  await server.terminate();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}
