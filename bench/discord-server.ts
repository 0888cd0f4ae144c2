/**
 * The fake Discord of the tests, run in its own thread for the bench: a real Discord is another machine, so
 * its HTTP and gateway work must not queue on the bot's event loop. Each burst dispatches its interactions
 * at once and reports, per interaction, the time from dispatch to the reply's arrival.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { FakeDiscord } from '../tests/fake-discord.js';

const discord = new FakeDiscord();
await discord.start();
parentPort!.postMessage({ apiUrl: discord.apiUrl });
void discord.ready.then(() => parentPort!.postMessage({ ready: true }));

parentPort!.on('message', async (msg: { burst?: { id: string }[]; stop?: boolean }) => {
  if (msg.stop) {
    await discord.stop();
    parentPort!.postMessage({ stopped: true });
    return;
  }
  const times = await Promise.all(
    msg.burst!.map(async (p) => {
      const t = performance.now();
      const reply = discord.callback(p.id);
      discord.dispatch('INTERACTION_CREATE', p);
      await reply;
      return performance.now() - t;
    }),
  );
  parentPort!.postMessage({ times });
});
