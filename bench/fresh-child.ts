/**
 * Entry of the fresh processes bench/fresh.ts starts: `fresh-child.ts <build|open|cold> <json>`. It imports only
 * what a bot needs to open an index and answer, so its start-up, heap and peak memory are the bot's, not the
 * bench's. Prints one line of JSON.
 */
import { performance } from 'node:perf_hooks';
import { ReportIndex, type IndexLocation } from '../src/index/build.js';
import { ask } from '../src/query/ask.js';
import { lookupMetric, type MetricRequest } from '../src/query/metric.js';

// Static imports are evaluated before this line: this is when the bot's code is loaded (since process start).
const importedMs = performance.now();

export interface ChildArgs {
  location: IndexLocation;
  /** cold: the question and the metric request answered first. */
  question?: string;
  metric?: MetricRequest;
}

const open = ({ location }: ChildArgs) => ReportIndex.open(location);

/** Builds into an empty index dir; maxRSS (KB) covers the whole process, worker threads included. */
async function build(args: ChildArgs) {
  const t = performance.now();
  (await open(args)).close();
  return { openMs: performance.now() - t, maxRssKb: process.resourceUsage().maxRSS };
}

/** Opens a built index: what a restarted bot pays before answering, and the heap it then holds. */
async function openOnly(args: ChildArgs) {
  const t = performance.now();
  const index = await open(args);
  const openMs = performance.now() - t;
  global.gc?.();
  const heapBytes = process.memoryUsage().heapUsed;
  index.close();
  return { openMs, heapBytes };
}

/** Answered, or refused with a reason: either way the user has a reply. */
function answered(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

/** Process start → first ask answered → first metric answered, all measured from process start. */
async function cold(args: ChildArgs) {
  const index = await open(args);
  const openedMs = performance.now();
  const askAnswered = answered(() => ask(index, args.question ?? ''));
  const askedMs = performance.now();
  const metricAnswered = answered(() => lookupMetric(index, args.metric!));
  const answeredMs = performance.now();
  index.close();
  return { importedMs, openedMs, askedMs, answeredMs, askAnswered, metricAnswered };
}

const MODES = { build, open: openOnly, cold };
const [mode = '', json = '{}'] = process.argv.slice(2);
const run = MODES[mode as keyof typeof MODES];
if (!run) throw new Error(`fresh-child: unknown mode ${mode}`);
console.log(JSON.stringify(await run(JSON.parse(json) as ChildArgs)));
