/** Interaction → reply latency through discord.js against the local fake Discord used by the tests. */
import { performance } from 'node:perf_hooks';
import { createBot } from '../src/adapters/discord.js';
import { createLogger } from '../src/log.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import type { ReportIndex } from '../src/index/build.js';
import { FakeDiscord, slash } from '../tests/fake-discord.js';

export async function benchDiscord(index: ReportIndex, concurrent: number, rounds: number): Promise<{ p50: number; p95: number }> {
  const discord = new FakeDiscord();
  await discord.start();
  const client = createBot({ index: () => index, log: createLogger('error'), limiter: new RateLimiter(1e9, 1), clientOptions: { rest: { api: discord.apiUrl } } });
  await client.login('bench-token-bench-token-bench-token-bench-token-00');
  await discord.ready;
  const times: number[] = [];
  const cases = [
    () => slash('metric', [{ name: 'district', type: 3, value: '徐汇' }, { name: 'year', type: 4, value: 2024 }, { name: 'keyword', type: 3, value: '绿地' }]),
    () => slash('ask', [{ name: 'question', type: 3, value: '长宁区为老人购买了什么保险' }]),
    () => slash('search', [{ name: 'query', type: 3, value: '架空线入地' }]),
  ];
  for (let r = 0; r < rounds; r++) {
    await Promise.all(Array.from({ length: concurrent }, async (_, i) => {
      const p = cases[i % cases.length]();
      const t = performance.now();
      discord.dispatch('INTERACTION_CREATE', p);
      await discord.callback(p.id);
      times.push(performance.now() - t);
    }));
  }
  await client.destroy();
  await discord.stop();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}
