/**
 * `npm run bench`: figures, not assertions. On the seeds and on a generated corpus (the seeds' paragraphs
 * re-dated and re-assigned to many districts and years; 200× by default, --scale=N), once per search engine
 * (--engine=minisearch|fts5|postgres|both|all; postgres on the server BENCH_DATABASE_URL names, in a database
 * the bench creates and drops): build time and peak memory in a fresh process, index size, open time and heap
 * in a fresh process, cold start to the first answer, tokenizer and extraction throughput, search / ask / metric
 * latency percentiles over distinct requests, a new report's time to answerable and the longest event-loop stall
 * its refresh causes, and the physical floor (jieba alone on one core). On the seeds also the time from a Discord
 * interaction arriving to its reply, under 50 concurrent interactions against a fake Discord, per-format ingest
 * figures, and for hostile input (bench/adversarial.ts), p99 latency of junk requests and the heap the caches
 * hold after 10,000 distinct requests.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ReportIndex, type IndexLocation } from '../src/index/build.js';
import { SyncPg } from '../src/index/pg.js';
import { lookupMetric, type MetricRequest } from '../src/query/metric.js';
import { ask } from '../src/query/ask.js';
import { words } from '../src/text/tokenizer.js';
import { extractFacts } from '../src/facts/extract.js';
import { placesNamed, placesUnder } from '../src/text/places.js';
import { corpusDistricts } from '../src/query/resolve.js';
import { ENGINES, type EngineName, type Passage } from '../src/types.js';
import { benchDiscord } from './discord.js';
import { benchFormats } from './formats.js';
import { benchAdversarial, benchMemory } from './adversarial.js';
import { coldStart, freshBuild, freshOpen, type BuildFigures, type ColdFigures, type OpenFigures } from './fresh.js';
import { benchNewReport } from './refresh.js';
import { jiebaFloor } from './floor.js';
import { distinctMetricRequests, passageSample, storeBytes, storeCounts } from './store.js';
import { floorLine, mb, ms, printTable, secs, type Figures, type Percentiles } from './table.js';

const SEEDS = join(import.meta.dirname, '..', 'seeds');
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const scale = Number(flag('scale') ?? 200);
const seedsOnly = process.argv.includes('--seeds-only');
/** A PostgreSQL server the bench may create databases on, for the postgres engine. */
const PG_SERVER = process.env.BENCH_DATABASE_URL || undefined;
const engines = enginesOf(flag('engine') ?? 'both');

/**
 * both: the two engines of the index file ('auto' only picks one of them); all: those and postgres, when
 * BENCH_DATABASE_URL names a server; else the one named.
 */
function enginesOf(arg: string): EngineName[] {
  if (arg === 'both') return ['minisearch', 'fts5'];
  if (arg === 'all') return PG_SERVER ? ['minisearch', 'fts5', 'postgres'] : ['minisearch', 'fts5'];
  const engine = ENGINES.find((e) => e === arg && e !== 'auto');
  if (!engine) {
    console.error(`--engine=${arg}: expected minisearch, fts5, postgres, both (minisearch and fts5) or all`);
    process.exit(2);
  }
  if (engine === 'postgres' && !PG_SERVER) {
    console.error('--engine=postgres: set BENCH_DATABASE_URL to a server the bench may create databases on');
    process.exit(2);
  }
  return [engine];
}

/** Where an engine's index lives for one scenario: a new folder, and for postgres a new database. */
function locationFor(seedsDir: string, engine: EngineName): IndexLocation {
  const at = { seedsDir, indexDir: mkdtempSync(join(tmpdir(), 'bench-index-')), searchEngine: engine };
  if (engine !== 'postgres' || !PG_SERVER) return at;
  const url = new URL(PG_SERVER);
  url.pathname = `/bench_${process.pid}_${basename(at.indexDir).replace(/\W/g, '_').toLowerCase()}`;
  onServer((db) => db.query(`CREATE DATABASE ${url.pathname.slice(1)}`));
  return { ...at, databaseUrl: url.toString() };
}

/** A scenario's index is gigabytes at 2,000×: neither the temp folder nor the server keeps it. */
function dropLocation(at: IndexLocation): void {
  rmSync(at.indexDir, { recursive: true, force: true });
  const name = at.databaseUrl && new URL(at.databaseUrl).pathname.slice(1);
  if (name) onServer((db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function onServer(fn: (db: SyncPg) => void): void {
  const db = new SyncPg(PG_SERVER!);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const percentiles = (xs: number[]): Percentiles => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
const pLine = (xs: Percentiles) => `p50 ${ms(xs.p50)}  p95 ${ms(xs.p95)}`;
/** A figure's line: its name in a column, then the figure. */
const show = (label: string, value: string) => console.log(`${`${label} `.padEnd(39)}${value}`);
function dirSize(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}
/** A refusal (no such place, no figure) is an answer too: what is timed is the time to a reply. */
function tryAnswer(fn: () => unknown): void {
  try {
    fn();
  } catch {
    /* refused */
  }
}

const QUERIES = [
  '绿地',
  '架空线入地',
  '加装电梯',
  '一般公共预算收入',
  '养老床位',
  '长期失业青年',
  '跨国公司地区总部',
  '适老化改造',
  '认知障碍',
  '社会消费品零售总额',
  '城市更新',
  '数字化转型',
  '营商环境',
  '人工智能',
  '垃圾分类',
  '旧住房修缮',
  '保障性租赁住房',
  '充电桩',
  '5G基站',
  '高新技术企业',
  '实到外资',
  '进博会',
  '人才公寓',
  '托育',
  '法律顾问',
  '义务教育',
  '医疗卫生',
  '文化旅游',
  '生态环境',
  '轨道交通',
  '停车',
  '养老服务',
  '社区食堂',
  '就业',
  '创业',
  '科技创新',
  '集成电路',
  '生物医药',
  '金融',
  '消费',
  '税收',
  '财政收入',
  '固定资产投资',
  '住房',
  '河道',
  '空气质量',
  '体育',
  '早餐工程',
  '一网通办',
  '志愿者',
];

/** The i-th of a set of distinct requests: every query word with no filter, a district, a year, or both. */
function variant(i: number, districts: string[], years: number[]): { q: string; district?: string; year?: number } {
  const q = QUERIES[i % QUERIES.length] ?? '';
  const round = Math.floor(i / QUERIES.length);
  const district = round % 2 === 1 ? districts[round % districts.length] : undefined;
  const year = round >= 2 ? years[round % years.length] : undefined;
  return { q, district, year };
}

function generate(dir: string, copies: number): void {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  const texts = files.map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  // Other districts of the same city, so that every generated report names a real place.
  const city = placesNamed('上海')[0]!;
  const names = placesUnder(city.code)
    .map((p) => p.short)
    .filter((n) => n.length === 2);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < copies; i++) {
    const src = texts[i % texts.length] ?? '';
    const from = ['长宁', '长宁', '虹口', '静安', '徐汇'][i % texts.length] ?? '长宁';
    const to = names[i % names.length] ?? from;
    const shift = (i % 8) - 4;
    const text = src
      .split(from)
      .join(to)
      .replace(/(20[12]\d)(\s*年)/g, (_m, y, g) => `${Number(y) + shift}${g}`);
    writeFileSync(join(dir, `gen_${String(i).padStart(4, '0')}.txt`), text);
  }
}

/** Build, disk, open and cold start, each build and open in a fresh process; then the index opened here. */
async function openScenario(at: IndexLocation) {
  const build = freshBuild(at);
  const diskBytes = storeBytes(at, dirSize);
  const open = freshOpen(at);
  const metrics = distinctMetricRequests(at, 250);
  const cold = coldStart(at, metrics[0]!);
  const t = performance.now();
  // As the bot opens it: reports that land later are read in a worker thread (the refresh figures).
  const index = await ReportIndex.open(at, { readInBackground: true });
  const loadMs = performance.now() - t;
  global.gc?.();
  return { build, diskBytes, open, cold, metrics, index, loadMs, heap: process.memoryUsage().heapUsed };
}

function printOpen(f: { build: BuildFigures; diskBytes: number; open: OpenFigures; cold: ColdFigures }): void {
  const { build, open, cold } = f;
  const wall = `${secs(build.wallMs)} wall (open() ${secs(build.openMs)})`;
  show('build, fresh process', `${wall}, peak RSS ${mb(build.peakRssBytes)}`);
  show('store size on disk', mb(f.diskBytes));
  show('open the index, fresh process', `${ms(open.openMs)}  (heap after ${mb(open.heapBytes)})`);
  const refused = (ok: boolean) => (ok ? '' : ' (refused)');
  show(
    'cold start → first answer',
    `ask ${ms(cold.askedMs)}${refused(cold.askAnswered)}, metric ${ms(cold.answeredMs)}` +
      `${refused(cold.metricAnswered)} after process start (code loaded ${ms(cold.importedMs)}, ` +
      `index open ${ms(cold.openedMs)})`,
  );
}

const rate = (bytes: number, t: number) => `${(bytes / 1024 / 1024 / (t / 1000)).toFixed(2)} MB/s`;

/** Tokenizer and extraction throughput on passages read from the store. */
function throughput(at: IndexLocation): void {
  const { passages, metas } = passageSample(at, 5000);
  const sample = passages
    .slice(0, 3000)
    .map((p) => p.text)
    .join('\n');
  const [, tokMs] = time(() => words(sample));
  show('tokenizer throughput', rate(Buffer.byteLength(sample), tokMs));
  const byDoc = new Map<string, Passage[]>();
  for (const p of passages) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p]);
  const [, exMs] = time(() => {
    for (const [doc, ps] of byDoc) extractFacts(ps, metas.get(doc)!);
  });
  show('fact extraction throughput', rate(Buffer.byteLength(passages.map((p) => p.text).join('')), exMs));
}

/** Search, ask and metric latency over distinct requests; each metric request has a keyword of its own. */
function latencies(index: ReportIndex, metrics: MetricRequest[]) {
  const districts = corpusDistricts(index.corpus);
  const queries = Array.from({ length: 250 }, (_, i) => variant(i, districts, [...index.corpus.yearsOf()]));
  const search = percentiles(
    queries.map(({ q, district, year }) => time(() => index.searchPassages(q, { district, year }, 10))[1]),
  );
  show('search latency (250 distinct queries)', pLine(search));
  const question = ({ q, district, year }: (typeof queries)[number]) =>
    `${district ?? ''}${year ? `${year}年` : ''}${q}情况如何`;
  const askP = percentiles(queries.slice(0, 200).map((v) => time(() => tryAnswer(() => ask(index, question(v))))[1]));
  show('ask latency (200 distinct questions)', pLine(askP));
  const metric = percentiles(metrics.map((req) => time(() => tryAnswer(() => lookupMetric(index, req)))[1]));
  show(`metric lookup latency (${metrics.length} distinct keywords)`, pLine(metric));
  return { search, ask: askP, metric };
}

async function scenario(name: string, seedsDir: string, engine: EngineName) {
  const at = locationFor(seedsDir, engine);
  const inputBytes = dirSize(seedsDir);
  const o = await openScenario(at);
  const { index } = o;
  const counts = storeCounts(at);
  console.log(
    `\n## ${name}, ${engine}: ${index.corpus.reports.length} reports, ${mb(inputBytes)} input, ` +
      `${counts.passages} passages, ${counts.facts} facts`,
  );
  printOpen(o);
  show('open again, bench process (code warm)', ms(o.loadMs));
  const noGc = global.gc ? '' : '  (run with --expose-gc for a figure without garbage)';
  show('heap after load, bench process', `${mb(o.heap)}${noGc}`);
  throughput(at);
  const l = latencies(index, o.metrics);
  adversarial(index, corpusDistricts(index.corpus));
  const refresh = await benchNewReport(index, seedsDir, QUERIES);
  show(
    'new report → answerable (refresh)',
    `${ms(refresh.answerMs)}; longest event-loop stall ${ms(refresh.stallMs)} (delay monitor, 10 ms ticks), ` +
      `${ms(refresh.tickGapMs)} (longest gap of 5 ms ticks)`,
  );
  const figures: Figures = {
    engine,
    build: o.build,
    diskBytes: o.diskBytes,
    open: o.open,
    cold: o.cold,
    ...l,
    refresh,
  };
  return { index, at, figures };
}

/** Junk requests (goal: p99 < 250 ms), then what the caches hold after 10,000 distinct requests (goal < 100 MB). */
function adversarial(index: ReportIndex, districts: string[]): void {
  const a = benchAdversarial(index, districts, 500);
  show('adversarial requests, chat (500)', `p50 ${ms(a.chat.p50)}  p99 ${ms(a.chat.p99)}  max ${ms(a.chat.max)}`);
  show('adversarial requests, batch (500)', `p50 ${ms(a.batch.p50)}  p99 ${ms(a.batch.p99)}  max ${ms(a.batch.max)}`);
  const m = benchMemory(index, districts, QUERIES, 10_000);
  show(
    'heap held after 10,000 distinct requests',
    m ? `${mb(m.heldBytes)}  (${(m.ms / 10_000).toFixed(2)} ms a request)` : 'run with --expose-gc',
  );
}

async function main(): Promise<void> {
  console.log(`# bench (node ${process.version}, scale ${scale}×, engines ${engines.join(', ')})`);
  const seedsCopy = mkdtempSync(join(tmpdir(), 'bench-seeds-'));
  cpSync(SEEDS, seedsCopy, { recursive: true });
  const { index: seedIndex } = await scenario('seeds', seedsCopy, engines[0]!);
  const discord = await benchDiscord(seedIndex, QUERIES, 50, 10);
  show('discord interaction → reply (50 concurrent ×10, no request repeated)', `  ${pLine(discord)}`);
  console.log('\n## formats: ingest throughput (5 reports ×3) and file landing → first answer');
  console.log('(watched folder, 300 ms debounce)');
  for (const f of await benchFormats(seedsCopy)) {
    const ingest = `${f.mbPerSec.toFixed(2).padStart(6)} MB/s  ${f.filesPerSec.toFixed(1).padStart(5)} files/s`;
    console.log(`${f.format.padEnd(5)} ingest ${ingest}   landing → answer ${ms(f.landingMs)}`);
  }
  if (seedsOnly) return;
  await generated();
}

/** The generated corpus: one folder, an index of its own per engine, and the figures side by side. */
async function generated(): Promise<void> {
  const big = mkdtempSync(join(tmpdir(), 'bench-big-'));
  generate(big, 5 * scale);
  const name = `generated corpus (${scale}× the seeds)`;
  const floor = jiebaFloor(big);
  console.log(`\n${floorLine(floor)}`);
  const columns: Figures[] = [];
  for (const engine of engines) {
    try {
      const { index, at, figures } = await scenario(name, big, engine);
      index.close();
      dropLocation(at);
      columns.push(figures);
    } catch (e) {
      // An engine past its size (minisearch's heap at 1,000×) fails in its fresh build process: say so and go on.
      console.log(`\n## ${name}, ${engine}: could not be measured — ${lastLine(e)}`);
    }
  }
  rmSync(big, { recursive: true, force: true });
  printTable(`${name}: summary`, columns, floor);
}

/** The last line a failed child wrote (V8's "heap out of memory", say), else the error's message. */
function lastLine(e: unknown): string {
  const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
  return stderr
    ? (stderr
        .split('\n')
        .filter((l) => l.trim())
        .pop() ?? stderr)
    : (e as Error).message;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
