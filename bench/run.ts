/**
 * `npm run bench`: figures, not assertions. On the seeds and on a generated corpus ≥200× larger (the seeds'
 * paragraphs re-dated and re-assigned to many districts and years): build time, tokenizer throughput, index
 * size, load time, heap after load, search / ask / metric latency percentiles, extraction throughput, and the
 * time from a Discord interaction arriving to its reply, under 50 concurrent interactions against a fake Discord;
 * and for hostile input (bench/adversarial.ts), p99 latency of junk requests and the heap the caches hold after
 * 10,000 distinct requests.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ReportIndex } from '../src/index/build.js';
import { lookupMetric } from '../src/query/metric.js';
import { ask } from '../src/query/ask.js';
import { words } from '../src/text/tokenizer.js';
import { extractFacts } from '../src/facts/extract.js';
import { placesNamed, placesUnder } from '../src/text/places.js';
import { corpusDistricts } from '../src/query/resolve.js';
import { benchDiscord } from './discord.js';
import { benchFormats } from './formats.js';
import { benchAdversarial, benchMemory } from './adversarial.js';

const SEEDS = join(import.meta.dirname, '..', 'seeds');
const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? 200);
const seedsOnly = process.argv.includes('--seeds-only');
/** `--open=<seeds>,<index>`: only open the index and print the figures, in the fresh process openFresh starts. */
const openOnly = process.argv.find((a) => a.startsWith('--open='))?.slice(7);

const ms = (t: number) => `${t.toFixed(1)} ms`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
function dirSize(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
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

interface OpenFigures {
  openMs: number;
  heapBytes: number;
}

/** Opens an index and reports how long it took and the heap it holds: what a restarted bot pays. */
async function openFigures(seedsDir: string, indexDir: string): Promise<OpenFigures> {
  const t = performance.now();
  const index = await ReportIndex.open({ seedsDir, indexDir });
  const openMs = performance.now() - t;
  global.gc?.();
  index.close();
  return { openMs, heapBytes: process.memoryUsage().heapUsed };
}

/** openFigures in a new process, so no module, JIT or tokenizer state of this one is reused. */
function openFresh(seedsDir: string, indexDir: string): OpenFigures {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, `--open=${seedsDir},${indexDir}`],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as OpenFigures;
}

async function scenario(name: string, seedsDir: string): Promise<ReportIndex> {
  const indexDir = mkdtempSync(join(tmpdir(), 'bench-index-'));
  const inputBytes = readdirSync(seedsDir).reduce((s, f) => s + statSync(join(seedsDir, f)).size, 0);
  const t0 = performance.now();
  (await ReportIndex.open({ seedsDir, indexDir })).close();
  const buildMs = performance.now() - t0;
  const fresh = openFresh(seedsDir, indexDir);
  const t1 = performance.now();
  const index = await ReportIndex.open({ seedsDir, indexDir });
  const loadMs = performance.now() - t1;
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const c = index.corpus;
  console.log(
    `\n## ${name}: ${c.reports.length} reports, ${mb(inputBytes)} input, ${c.passages.length} passages, ${c.facts.length} facts`,
  );
  console.log(`build (incl. jieba start-up, first run)  ${ms(buildMs)}`);
  console.log(`store size on disk (SQLite, closed)    ${mb(dirSize(indexDir))}`);
  console.log(
    `open the index, fresh process          ${ms(fresh.openMs)}  (heap after ${mb(fresh.heapBytes)}; stats every input, reads none)`,
  );
  console.log(`open again, same process               ${ms(loadMs)}`);
  console.log(
    `heap after load                        ${mb(heap)}${global.gc ? '' : '  (run with --expose-gc for a figure without garbage)'}`,
  );

  const sample = c.passages
    .slice(0, 3000)
    .map((p) => p.text)
    .join('\n');
  const [, tokMs] = time(() => words(sample));
  console.log(
    `tokenizer throughput                   ${(Buffer.byteLength(sample) / 1024 / 1024 / (tokMs / 1000)).toFixed(2)} MB/s`,
  );
  const metas = new Map(c.reports.map((r) => [r.doc, r]));
  const byDoc = new Map<string, typeof c.passages>();
  for (const p of c.passages.slice(0, 5000)) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p]);
  const [, exMs] = time(() => {
    for (const [doc, ps] of byDoc) extractFacts(ps, metas.get(doc)!);
  });
  const exBytes = [...byDoc.values()].flat().reduce((s, p) => s + Buffer.byteLength(p.text), 0);
  console.log(`fact extraction throughput             ${(exBytes / 1024 / 1024 / (exMs / 1000)).toFixed(2)} MB/s`);

  const districts = corpusDistricts(c);
  const years = [...new Set(c.facts.map((f) => f.period.year))].sort();
  const yearsBy = new Map(
    districts.map((d) => [d, [...new Set(c.facts.filter((f) => f.district === d).map((f) => f.period.year))].sort()]),
  );
  const queries = Array.from({ length: 250 }, (_, i) => variant(i, districts, years));
  const searchT = queries.map(
    ({ q, district, year }) => time(() => index.searchPassages(q, { district, year }, 10))[1],
  );
  console.log(`search latency (250 distinct queries)  p50 ${ms(pct(searchT, 50))}  p95 ${ms(pct(searchT, 95))}`);
  const askT = queries.slice(0, 200).map(
    ({ q, district, year }) =>
      time(() => {
        try {
          ask(index, `${district ?? ''}${year ? `${year}年` : ''}${q}情况如何`);
        } catch {
          /* not found is fine */
        }
      })[1],
  );
  console.log(`ask latency (200 distinct questions)   p50 ${ms(pct(askT, 50))}  p95 ${ms(pct(askT, 95))}`);
  const metricT = queries.map(({ q }, i) => {
    const district = districts[i % districts.length] ?? '';
    const ys = yearsBy.get(district) ?? [];
    const year = ys[Math.floor(i / districts.length) % ys.length] ?? 0;
    return time(() => {
      try {
        lookupMetric(index, { district, year, query: q });
      } catch {
        /* NO_MATCH is an answer */
      }
    })[1];
  });
  console.log(`metric lookup latency (250 distinct)   p50 ${ms(pct(metricT, 50))}  p95 ${ms(pct(metricT, 95))}`);
  adversarial(index, districts);
  return index;
}

/** Junk requests (goal: p99 < 250 ms), then what the caches hold after 10,000 distinct requests (goal < 100 MB). */
function adversarial(index: ReportIndex, districts: string[]): void {
  const a = benchAdversarial(index, districts, 500);
  console.log(
    `adversarial requests, chat (500)       p50 ${ms(a.chat.p50)}  p99 ${ms(a.chat.p99)}  max ${ms(a.chat.max)}`,
  );
  console.log(
    `adversarial requests, batch (500)      p50 ${ms(a.batch.p50)}  p99 ${ms(a.batch.p99)}  max ${ms(a.batch.max)}`,
  );
  const m = benchMemory(index, districts, QUERIES, 10_000);
  console.log(
    m
      ? `heap held after 10,000 distinct requests ${mb(m.heldBytes)}  (${(m.ms / 10_000).toFixed(2)} ms a request)`
      : 'heap held after 10,000 distinct requests: run with --expose-gc',
  );
}

async function main(): Promise<void> {
  console.log(`# bench (node ${process.version}, scale ${scale}×)`);
  const seedsCopy = mkdtempSync(join(tmpdir(), 'bench-seeds-'));
  cpSync(SEEDS, seedsCopy, { recursive: true });
  const seedIndex = await scenario('seeds', seedsCopy);
  const discord = await benchDiscord(seedIndex, QUERIES, 50, 10);
  console.log(
    `discord interaction → reply (50 concurrent ×10, no request repeated)  p50 ${ms(discord.p50)}  p95 ${ms(discord.p95)}`,
  );
  console.log(
    '\n## formats: ingest throughput (5 reports ×3) and file landing → first answer (watched folder, 300 ms debounce)',
  );
  for (const f of await benchFormats(seedsCopy)) {
    console.log(
      `${f.format.padEnd(5)} ingest ${f.mbPerSec.toFixed(2).padStart(6)} MB/s  ${f.filesPerSec.toFixed(1).padStart(5)} files/s   landing → answer ${ms(f.landingMs)}`,
    );
  }
  if (seedsOnly) return;
  const big = mkdtempSync(join(tmpdir(), 'bench-big-'));
  generate(big, 5 * scale);
  await scenario(`generated corpus (${scale}× the seeds)`, big);
}

async function openOnlyMain(arg: string): Promise<void> {
  const [seedsDir = '', indexDir = ''] = arg.split(',');
  console.log(JSON.stringify(await openFigures(seedsDir, indexDir)));
}

(openOnly ? openOnlyMain(openOnly) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
