/**
 * The command line: index, reports, search, ask, metric, facts and batch (the JSON-lines contract of
 * DESIGN.md). Every command honours SEEDS_DIR and INDEX_DIR and takes --json.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, ConfigError } from '../config.js';
import { ReportIndex } from '../index/build.js';
import { QueryError, type Answer } from '../query/answer.js';
import { ask } from '../query/ask.js';
import { search } from '../query/search.js';
import { listReports } from '../query/reports.js';
import { lookupMetric, listFacts } from '../query/metric.js';
import { answerJson, askJson, metricJson } from '../render/json.js';
import { renderText, ANSI, PLAIN } from '../render/text.js';
import { renderFactsTable } from '../render/table.js';
import { progressReporter } from './progress.js';

const USAGE = `用法 / usage: npm run cli -- <command> [options]
  index [--force]                                  build or refresh index/ from seeds/
  reports [--json]                                 list the reports and what was inferred
  search "<query>" [--district D] [--year Y] [--json]
  ask "<question>" [--json]
  metric <district> <year> <keyword> [--kind actual|target] [--json]
  facts [--district D] [--year Y] [--kind K] [--json]
  batch                                            JSON lines on stdin → JSON lines on stdout`;

const BatchRequest = z.discriminatedUnion('command', [
  z.object({ id: z.string(), command: z.literal('ask'), question: z.string() }),
  z.object({ id: z.string(), command: z.literal('metric'), district: z.string().optional(), place: z.string().optional(), year: z.coerce.number().int(), query: z.string(), kind: z.enum(['actual', 'target']).optional() })
    .refine((r) => r.place ?? r.district, { message: 'place (or district) is required', path: ['place'] }),
  z.object({ id: z.string(), command: z.literal('search'), query: z.string(), district: z.string().optional(), place: z.string().optional(), year: z.coerce.number().int().optional() }),
]);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { json: { type: 'boolean' }, district: { type: 'string' }, year: { type: 'string' }, kind: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) { console.log(USAGE); return command ? 0 : 1; }
  const config = loadConfig();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const index = await ReportIndex.open(config, { onProgress: progressReporter(), log, force: command === 'index' && values.force });
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const year = values.year ? Number(values.year) : undefined;
  const kind = values.kind === 'actual' || values.kind === 'target' ? values.kind : undefined;
  const print = (a: Answer) => console.log(values.json ? JSON.stringify(answerJson(a), null, 2) : renderText(a, style));
  switch (command) {
    case 'index': {
      const c = index.corpus;
      console.log(`${c.reports.length} reports, ${c.passages.length} passages, ${c.facts.length} facts → ${config.indexDir}`);
      for (const s of c.skipped) console.log(`skipped ${s.doc}: ${s.reason}`);
      return 0;
    }
    case 'reports': print(listReports(index)); return 0;
    case 'search': print(search(index, { query: args.join(' '), district: values.district, year })); return 0;
    case 'ask': print(ask(index, args.join(' '))); return 0;
    case 'metric': {
      const [district, y, ...kw] = args;
      if (!district || !y || !kw.length) { console.error('usage: metric <district> <year> <keyword> [--kind actual|target]'); return 2; }
      print(lookupMetric(index, { district, year: Number(y), query: kw.join(' '), kind }));
      return 0;
    }
    case 'facts': {
      const facts = listFacts(index, { district: values.district, year, kind });
      if (values.json) console.log(JSON.stringify(facts, null, 2));
      else console.log(renderFactsTable(facts, process.stdout.isTTY ? process.stdout.columns : undefined));
      return 0;
    }
    case 'batch': await batch(index); return 0;
    default: console.error(`unknown command: ${command}\n${USAGE}`); return 2;
  }
}

async function batch(index: ReportIndex): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(answerLine(index, line))}\n`);
  }
}

function answerLine(index: ReportIndex, line: string): Record<string, unknown> {
  let id = '';
  try {
    const raw = JSON.parse(line) as { id?: unknown };
    id = typeof raw?.id === 'string' ? raw.id : '';
    const parsed = BatchRequest.safeParse(raw);
    if (!parsed.success) return { id, ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    const req = parsed.data;
    if (req.command === 'ask') return { id, ok: true, ...askJson(ask(index, req.question)) };
    // `place` and `district` both name the place, at any level (the batch contract keeps `district`).
    if (req.command === 'metric') return { id, ok: true, ...metricJson(lookupMetric(index, { district: (req.place ?? req.district)!, year: req.year, query: req.query, kind: req.kind })) };
    return { id, ok: true, ...(answerJson(search(index, { ...req, district: req.place ?? req.district })) as object) };
  } catch (e) {
    if (e instanceof QueryError) return { id, ok: false, error: { code: e.code, message: e.message, suggestions: e.suggestions } };
    if (e instanceof SyntaxError) return { id, ok: false, error: { code: 'BAD_REQUEST', message: `not JSON: ${e.message}` } };
    return { id, ok: false, error: { code: 'INTERNAL', message: (e as Error).message } };
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    if (e instanceof QueryError) console.error(e.message);
    else if (e instanceof ConfigError) console.error(e.message);
    else console.error(`error: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
