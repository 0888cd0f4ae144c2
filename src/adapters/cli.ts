/**
 * The command line: index, reports, search, ask, metric, facts and batch (the JSON-lines contract of
 * DESIGN.md). Every command honours SEEDS_DIR and INDEX_DIR and takes --json.
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config.js';
import { ReportIndex } from '../index/build.js';
import { redacted } from '../index/pg.js';
import { QueryError, type Answer } from '../query/answer.js';
import { listReports } from '../query/reports.js';
import { listFacts } from '../query/metric.js';
import { runCommand } from '../../commands/run.js';
import { findCommand } from '../../commands/index.js';
import { answerJson } from '../render/json.js';
import { renderText, ANSI, PLAIN } from '../render/text.js';
import { renderFactsTable } from '../render/table.js';
import { escapeControls } from '../render/safe.js';
import { progressReporter } from './progress.js';
import { runBatch } from './batch.js';
import { PERIOD_KINDS } from '../types.js';

const USAGE = `用法 / usage: npm run cli -- <command> [options]
  index [--force]                                  build or refresh index/ from seeds/
  reports [--json]                                 list the reports and what was inferred
  search "<query>" [--district D] [--year Y] [--json]
  ask "<question>" [--json]
  metric <district> <year> <keyword> [--kind actual|target] [--json]
  trend <place> <keyword> [--json]                 each year's target beside its result, and the verdict
  compare <year> <keyword> [--level L] [--order asc|desc] [--json]
  cite <id> [--json]                               a citation with the passages around it
  facts [--district D] [--year Y] [--kind K] [--json]
  batch                                            JSON lines on stdin → JSON lines on stdout`;

/** The commands this file reads options for itself; every other chat command is read by its own definition. */
const OWN = new Set(['index', 'reports', 'search', 'ask', 'metric', 'facts', 'batch']);

async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  // trend, compare, cite, help…: read exactly as the chat reads them (`/compare 2025 GDP增速 --level province`),
  // from the one definition every surface derives from.
  if (first && !OWN.has(first) && findCommand(first)) return runDefined(first, argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      district: { type: 'string' },
      year: { type: 'string' },
      kind: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  // Warnings name files; a newline or U+202E in a file name must not forge or reorder a line of this output.
  const log = (m: string) => process.stderr.write(`${escapeControls(m)}\n`);
  const index = await ReportIndex.open(config, {
    onProgress: progressReporter(),
    log,
    force: command === 'index' && values.force,
  });
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const year = values.year ? Number(values.year) : undefined;
  const kind = PERIOD_KINDS.find((k) => k === values.kind);
  const print = (a: Answer) => console.log(values.json ? JSON.stringify(answerJson(a), null, 2) : renderText(a, style));
  switch (command) {
    case 'index': {
      const c = index.corpus;
      const facts = c.reports.reduce((n, r) => n + index.counts(r.doc).facts, 0);
      console.log(
        `${c.reports.length} reports, ${c.passageCount} passages, ${facts} facts → ${config.databaseUrl ? redacted(config.databaseUrl) : config.indexDir}`,
      );
      for (const s of c.skipped) console.log(escapeControls(`skipped ${s.doc}: ${s.reason}`));
      return 0;
    }
    case 'reports':
      print(listReports(index));
      return 0;
    // Through the chat commands' option schemas, so the same limits and messages apply here.
    case 'search':
      print(runCommand('search', { query: args.join(' '), district: values.district, year }, { index }).answer);
      return 0;
    case 'ask':
      print(runCommand('ask', { question: args.join(' ') }, { index }).answer);
      return 0;
    case 'metric': {
      const [district, y, ...kw] = args;
      if (!district || !y || !kw.length) {
        console.error('usage: metric <district> <year> <keyword> [--kind actual|target]');
        return 2;
      }
      print(runCommand('metric', { district, year: y, keyword: kw.join(' '), kind }, { index }).answer);
      return 0;
    }
    case 'facts': {
      const facts = listFacts(index, { district: values.district, year, kind });
      if (values.json) console.log(JSON.stringify(facts, null, 2));
      else console.log(renderFactsTable(facts, process.stdout.isTTY ? process.stdout.columns : undefined));
      return 0;
    }
    case 'batch':
      await runBatch(index, process.stdin, process.stdout);
      return 0;
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

async function runDefined(name: string, argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json').join(' ');
  const options = findCommand(name)!.fromText(args);
  const config = loadConfig();
  const log = (m: string) => process.stderr.write(`${escapeControls(m)}\n`);
  const index = await ReportIndex.open(config, { onProgress: progressReporter(), log });
  const { answer } = runCommand(name, options, { index });
  console.log(
    json ? JSON.stringify(answerJson(answer), null, 2) : renderText(answer, process.stdout.isTTY ? ANSI : PLAIN),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof QueryError) console.error(e.message);
    else if (e instanceof ConfigError) console.error(e.message);
    else console.error(`error: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
