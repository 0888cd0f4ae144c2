/**
 * Interaction → reply latency through discord.js against the fake Discord used by the tests, which runs in
 * a worker thread (discord-server.ts) so that only the bot's own work is on the bot's event loop.
 *
 * Every burst is made of different requests (metric, ask and search in turn, over the corpus's districts and
 * years and the bench's query words), and no request repeats, so no answer comes from the bot's memory of
 * recent replies. One unmeasured burst first lets the JIT compile discord.js's paths and opens the sockets to
 * the API.
 */
import { Worker } from 'node:worker_threads';
import { createBot } from '../src/adapters/discord.js';
import { createLogger } from '../src/log.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import type { ReportIndex } from '../src/index/build.js';
import { corpusDistricts } from '../src/query/resolve.js';
import { slash } from '../tests/fake-discord.js';

function next<T>(worker: Worker, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        worker.off('message', on);
        resolve(m as T);
      }
    };
    worker.on('message', on);
  });
}

/** The k-th request of a bench, in the years its district has figures for, and how many are distinct. */
function requests(
  index: ReportIndex,
  words: string[],
): { request: (k: number) => ReturnType<typeof slash>; distinct: number } {
  const districts = corpusDistricts(index.corpus);
  const S = 3;
  const I = 4;
  const request = (k: number) => {
    const n = Math.floor(k / 3);
    const word = words[n % words.length];
    const district = districts[Math.floor(n / words.length) % districts.length];
    const ys = index.corpus.yearsOf(district);
    const year = ys[Math.floor(n / (words.length * districts.length)) % ys.length];
    switch (k % 3) {
      case 0:
        return slash('metric', [
          { name: 'district', type: S, value: district },
          { name: 'year', type: I, value: year },
          { name: 'keyword', type: S, value: word },
        ]);
      case 1:
        return slash('ask', [{ name: 'question', type: S, value: `${district}${year}年${word}情况如何` }]);
      default:
        return slash('search', [
          { name: 'query', type: S, value: word },
          { name: 'district', type: S, value: district },
          { name: 'year', type: I, value: year },
        ]);
    }
  };
  return { request, distinct: 3 * words.length * districts.length };
}

export async function benchDiscord(
  index: ReportIndex,
  words: string[],
  concurrent: number,
  rounds: number,
): Promise<{ p50: number; p95: number }> {
  const { request, distinct } = requests(index, words);
  if (concurrent * (rounds + 1) > distinct)
    throw new Error(
      `only ${distinct} distinct requests for ${concurrent * (rounds + 1)} interactions; add query words`,
    );
  const server = new Worker(new URL('./discord-server.mjs', import.meta.url));
  const { apiUrl } = await next<{ apiUrl: string }>(server, 'apiUrl');
  const ready = next(server, 'ready');
  const client = createBot({
    index: () => index,
    log: createLogger('error'),
    limiter: new RateLimiter(1e9, 1),
    clientOptions: { rest: { api: apiUrl } },
  });
  await client.login('bench-token-bench-token-bench-token-bench-token-00');
  await ready;
  const times: number[] = [];
  let k = 0;
  for (let r = -1; r < rounds; r++) {
    const burst = Array.from({ length: concurrent }, () => request(k++));
    const done = next<{ times: number[] }>(server, 'times');
    server.postMessage({ burst });
    const measured = (await done).times;
    if (r >= 0) times.push(...measured);
  }
  await client.destroy();
  const stopped = next(server, 'stopped');
  server.postMessage({ stop: true });
  await stopped;
  await server.terminate();
  times.sort((a, b) => a - b);
  // No samples, no percentiles.
  return { p50: times[Math.floor(times.length / 2)] ?? NaN, p95: times[Math.floor(times.length * 0.95)] ?? NaN };
}
