/**
 * seeds/ → a ReportIndex: every readable file ingested, its facts extracted, its passages in BM25; unreadable
 * files reported and skipped. Opening loads the store (store.ts) and re-reads only the files whose size or mtime
 * changed and whose bytes then differ; each re-read report's rows are replaced in the store as it is applied.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineName, Fact, FileWarning, Passage, ReportMeta, SkippedFile } from '../types.js';
import { SUPPORTED_EXTENSIONS, unsupportedReason } from '../ingest/formats.js';
import { SidecarSchema, type Sidecar } from '../ingest/metadata.js';
import { FORMAT_VERSION, IndexStore, sha, type Store, type FileRecord, type FileState, type ReportCounts, type SkippedRecord, type StoredCorpus } from './store.js';
import { PassageSearch, passageTokens, type Hit, type SearchEngine, type SearchFilter } from './search.js';
import { PgStore } from './pg-store.js';
import { byName, CorpusView, glossaryEntries, residentSource, type PreparedLabel } from './view.js';
import { Lru } from './lru.js';
import { factYearsOf } from './rows.js';
import {
  storedFactsOf,
  storedFile,
  storedHashes,
  storedPassage,
  storedPassagesOf,
  storedSource,
} from './stored.js';
import { Reader, readReports } from './pool.js';
import type { ReadRequest, ReadResult } from './read.js';
import { assignCiteSuffixes, baseCode } from '../query/cite.js';
import { checkFile, DEFAULT_MAX_REPORT_BYTES, MAX_SIDECAR_BYTES, readChecked, realRoot } from '../ingest/files.js';

export interface IndexLocation {
  seedsDir: string;
  indexDir: string;
  /** Report files larger than this are skipped with a message (Config.maxReportBytes); 20 MB by default. */
  maxReportBytes?: number;
  /** Which search engine answers (Config.searchEngine): auto by default (engineFor). */
  searchEngine?: EngineName;
  /** A PostgreSQL database to keep the index in instead of INDEX_DIR (Config.databaseUrl). */
  databaseUrl?: string;
}

export interface OpenOptions {
  /** Called per file while building: done, total, file name. */
  onProgress?: (done: number, total: number, doc: string) => void;
  log?: (message: string) => void;
  /** Ignore the stored index and build from scratch. */
  force?: boolean;
  /** Worker threads for reading files; by default one per core when many files change, else none. */
  workers?: number;
  /** A store file larger than this is checked in the background after open rather than before (db.ts). */
  checkAtOpenMaxBytes?: number;
  /**
   * Read the reports of later refreshes in a worker thread kept for them, so a running bot never stops
   * answering while a report is read. For long-running processes (the bot, the chat); a one-shot command
   * would only pay for starting it.
   */
  readInBackground?: boolean;
}

export interface RefreshSummary {
  added: string[];
  changed: string[];
  removed: string[];
  skipped: SkippedFile[];
  /** Files indexed despite a problem worth knowing (a sidecar ignored, damaged bytes replaced). */
  warnings: FileWarning[];
  reused: boolean;
}

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Everything that shapes the index besides the inputs: the pipeline's code and data files. */
function rulesHash(): string {
  const parts: string[] = [String(FORMAT_VERSION)];
  for (const dir of ['ingest', 'text', 'facts', 'index']) {
    for (const f of readdirSync(join(SRC, dir)).sort()) parts.push(f, readFileSync(join(SRC, dir, f), 'utf8'));
  }
  return sha(parts.join('\0'));
}

interface InputFile extends ReadRequest {
  path: string;
  sidecarError?: string;
  /** Size and mtime of the report and its sidecar ('-' when not statted): see FileState. */
  stamp: string;
}

const EMPTY = Buffer.alloc(0);

/** A report's sidecar is its name with this after it (`<file>.meta.json`). */
const SIDECAR_SUFFIX = '.meta.json';

/** What a skipped oversized file's message tells the user to do. */
const LIMIT_HINT = 'to index it, raise MAX_REPORT_BYTES (e.g. MAX_REPORT_BYTES=50MB in .env or the environment)';

/** Files looked at between two turns of the event loop while a folder is listed. */
const LIST_BATCH = 256;

/**
 * The folder's report files; one whose stamp matches `known` is not read again and keeps its stored hash.
 * Thousands of files take thousands of stat calls: the event loop gets a turn every LIST_BATCH files, so a
 * running bot keeps answering while a large folder is compared.
 */
async function listInputs(seedsDir: string, maxBytes: number, known: Map<string, FileState>): Promise<InputFile[]> {
  if (!existsSync(seedsDir)) return [];
  // Links are judged by where they really lead, so the folder itself is compared as a real path too.
  const root = realRoot(seedsDir);
  const names = readdirSync(seedsDir);
  // A sidecar is looked for only when the listing has one: a stat per report that has none, thousands of them
  // in a large folder, would find nothing.
  const sidecars = new Set(names.filter((f) => f.endsWith(SIDECAR_SUFFIX)));
  const docs = names
    // Hidden files and Word's lock files (~$报告.docx) are not reports; a type we cannot read is listed so that
    // ingestFile reports it as skipped with the reason, without reading its bytes.
    .filter((f) => !f.startsWith('.') && !f.startsWith('~$') && (SUPPORTED_EXTENSIONS.includes(extname(f).toLowerCase()) || unsupportedReason(f) !== undefined))
    .sort();
  const inputs: InputFile[] = [];
  for (const [i, doc] of docs.entries()) {
    if (i > 0 && i % LIST_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const sidecar = sidecars.has(doc + SIDECAR_SUFFIX);
    const input = readInput(doc, join(seedsDir, doc), root, maxBytes, sidecar, known.get(doc));
    if (input) inputs.push(input);
  }
  return inputs;
}

/** One folder entry → its bytes and sidecar, or the reason it is refused; undefined when it vanished meanwhile. */
function readInput(
  doc: string,
  path: string,
  root: string,
  maxBytes: number,
  hasSidecar: boolean,
  known?: FileState,
): InputFile | undefined {
  const unsupported = unsupportedReason(doc);
  if (unsupported) return { doc, path, bytes: EMPTY, hash: sha(`unsupported\0${unsupported}`), stamp: '-' };
  const check = checkFile(path, root, maxBytes, LIMIT_HINT);
  if (!check.ok) return check.missing ? undefined : refused(doc, path, check.reason);
  const stamp = stampOf(check, hasSidecar ? path + SIDECAR_SUFFIX : undefined);
  if (known && stamp !== '-' && known.stamp === stamp) return { doc, path, bytes: EMPTY, hash: known.hash, stamp };
  let bytes: Buffer;
  try {
    bytes = readChecked(check.real, check.size);
  } catch (e) {
    return refused(doc, path, (e as Error).message);
  }
  const { sidecar, sidecarError, raw } = readSidecar(path, root);
  // The sidecar's problem is part of the hash, so fixing or removing a broken sidecar re-reads the report.
  const hash = sha(Buffer.concat([bytes, Buffer.from(raw), ...(sidecarError ? [Buffer.from(`\0${sidecarError}`)] : [])]));
  return { doc, path, bytes, sidecar, sidecarError, hash, stamp };
}

/**
 * Size and mtime (ns-precise on current file systems) of a report and its sidecar, as git compares its index:
 * a refresh then reads only files that were touched, not every file of a large folder. '-' when unknown.
 */
function stampOf(report: { size: number; mtimeMs: number }, sidecar: string | undefined): string {
  try {
    const s = sidecar === undefined ? undefined : statSync(sidecar, { throwIfNoEntry: false });
    return `${report.size}:${report.mtimeMs}|${s ? `${s.size}:${s.mtimeMs}` : 'none'}`;
  } catch {
    return '-';
  }
}

/** A file that is not read at all; its hash changes with the reason, so a fixed file is tried again. */
function refused(doc: string, path: string, reason: string): InputFile {
  return { doc, path, bytes: EMPTY, refused: reason, hash: sha(`refused\0${reason}`), stamp: '-' };
}

/**
 * `<report>.meta.json`, when there is one. It passes the same checks as a report (a pipe or a link to a device
 * is never opened); any problem with it is reported and the report is indexed without it.
 */
function readSidecar(path: string, root: string): { sidecar?: Sidecar; sidecarError?: string; raw: string } {
  const file = path + SIDECAR_SUFFIX;
  const name = basename(file);
  const check = checkFile(file, root, MAX_SIDECAR_BYTES, 'a sidecar holds a few lines of JSON');
  if (!check.ok) return check.missing ? { raw: '' } : { raw: '', sidecarError: `${name}: ${check.reason}` };
  let raw: string;
  try {
    raw = readChecked(check.real, check.size).toString('utf8');
  } catch (e) {
    return { raw: '', sidecarError: `${name}: ${(e as Error).message}` };
  }
  try {
    const parsed = SidecarSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { sidecar: parsed.data, raw };
    return { raw, sidecarError: `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'} ${i.message}`).join('; ')}` };
  } catch (e) {
    return { raw, sidecarError: `${name}: not valid JSON (${(e as Error).message})` };
  }
}

/**
 * Past this many bytes of report files, `auto` leaves passages and facts on disk and searches with FTS5.
 * Held in memory, a corpus costs open time and heap in proportion (bench, 39 MB of reports: minisearch opens
 * in 10.7 s with 600 MB of heap, FTS5 in 0.3 s with 26 MB, at similar search latency); below this a start
 * takes about a second either way and minisearch's queries are a little faster.
 */
const RESIDENT_MAX_BYTES = 8 * 1024 ** 2;

/**
 * The engine a location asks for, with `auto` settled: PostgreSQL's own search when the index lives there
 * (every process then shares one corpus rather than holding a copy), else by the size of the reports folder.
 */
export function engineFor(location: IndexLocation): Exclude<EngineName, 'auto'> {
  const asked = location.searchEngine ?? 'auto';
  if (asked !== 'auto') return asked;
  if (location.databaseUrl) return 'postgres';
  return folderBytes(location.seedsDir) > RESIDENT_MAX_BYTES ? 'fts5' : 'minisearch';
}

/** The store the location names: a PostgreSQL database, or the SQLite file in the index folder. */
function openStore(location: IndexLocation, engine: Exclude<EngineName, 'auto'>, options: OpenOptions): Store {
  if (location.databaseUrl) {
    if (engine === 'fts5') throw new Error('SEARCH_ENGINE=fts5 searches the SQLite file in INDEX_DIR: unset DATABASE_URL, or choose postgres');
    return PgStore.open(location.databaseUrl);
  }
  if (engine === 'postgres') throw new Error('SEARCH_ENGINE=postgres needs DATABASE_URL (see README → PostgreSQL)');
  return IndexStore.open(location.indexDir, options.log, options.checkAtOpenMaxBytes);
}

/** The size of the report files in a folder (sidecars and hidden files aside). */
function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (f.startsWith('.') || !SUPPORTED_EXTENSIONS.includes(extname(f).toLowerCase())) continue;
    try {
      total += statSync(join(dir, f)).size;
    } catch {
      // A broken link or a loop counts for nothing here; refresh reports it with the reason.
    }
  }
  return total;
}

export class ReportIndex {
  private files = new Map<string, FileRecord>();
  private skippedFiles = new Map<string, SkippedRecord>();
  /** What each file was when it was last read: a refresh compares the folder with this. */
  private states: Map<string, FileState>;
  private byId = new Map<string, Passage>();
  private engine: SearchEngine;
  // Replaced whole when the files change, so a query reads one corpus and what was derived from it.
  private view: CorpusView;

  /** Passages and facts are held in memory (minisearch), or read from the store when asked for (FTS5). */
  private readonly resident: boolean;
  private verification: Promise<void> = Promise.resolve();
  /** Fact labels cut into words, kept across refreshes: a label's words do not depend on the corpus. */
  private readonly labels = new Lru<string, PreparedLabel>(200_000);
  /** Reads the reports of later refreshes off the main thread (started once the index is open). */
  private readonly reader = new Reader();
  /**
   * Report codes (cite.ts baseCode) whose reports came or went since the last reindex: only their cite
   * suffixes are assigned again, rather than hashing every report's name on every refresh.
   */
  private readonly changedCodes = new Set<string>();

  /** `engine` is the filled in-memory engine, or none for FTS5. */
  private constructor(readonly location: IndexLocation, private readonly store: Store, stored: StoredCorpus, engine?: SearchEngine) {
    for (const f of stored.files) {
      this.files.set(f.doc, f);
      for (const p of f.passages) this.byId.set(p.id, p);
    }
    for (const s of stored.skipped) this.skippedFiles.set(s.doc, s);
    this.states = stored.states;
    this.resident = engine !== undefined;
    this.engine = engine ?? store.storedSearch();
    this.view = this.reindex(true);
  }

  /**
   * Loads the store and brings it up to date with the folder: the search index is rebuilt from the stored
   * tokens (no tokenizing), and only new or changed files are read. A store left by an unfinished build is
   * completed from where it stopped; a damaged one is moved aside and rebuilt (db.ts).
   */
  static async open(location: IndexLocation, options: OpenOptions = {}): Promise<ReportIndex> {
    // The tokenizer is not loaded here: a store opened as it is never cuts a word until the first question,
    // and loading jieba's dictionary is a quarter of a second at any size (the bot warms up before login).
    const rules = rulesHash();
    // Settled once: `auto` sizes the reports folder.
    const engineName = engineFor(location);
    const store = openStore(location, engineName, options);
    try {
      store.prepare(rules, options.force);
      // minisearch is filled from the stored term counts as they are read. With FTS5 the store is searched
      // where it lies and passages and facts stay there too: only reports' metadata is read.
      let engine = engineName === 'minisearch' ? new PassageSearch() : undefined;
      const fill = engine && ((terms: readonly string[]) => engine!.counted(terms));
      const stored = store.load(fill, () => { if (engine) engine = new PassageSearch(); }, engine !== undefined);
      if (!stored.complete && stored.states.size) options.log?.(`the last build of ${location.indexDir} did not finish; reading the files it had not stored`);
      const index = new ReportIndex(location, store, stored, engine);
      await index.refresh(options, rules, !stored.complete);
      if (!store.checked) index.verification = index.verifyStore(options, rules);
      if (options.readInBackground) index.reader.start(options.log);
      return index;
    } catch (e) {
      store.close();
      throw e;
    }
  }

  /** Resolves once a store too large to check at open has been checked (and rebuilt, if it was damaged). */
  verified(): Promise<void> {
    return this.verification;
  }

  /**
   * The background check of a large store: a damaged file is moved aside and the index rebuilt from the
   * reports folder while the product keeps answering from what it holds; a check that could not run is
   * logged and changes nothing.
   */
  private async verifyStore(options: OpenOptions, rules: string): Promise<void> {
    const problem = await this.store.verify();
    if (!problem) return;
    if (!problem.damaged) {
      options.log?.(`the index database could not be checked (${problem.detail}); it is used as it is`);
      return;
    }
    this.store.replaceDamaged(problem.detail);
    // Everything is read again: start from empty rather than removing passage by passage (which would
    // tokenize every passage once more to find its postings).
    this.files.clear();
    this.skippedFiles.clear();
    this.states.clear();
    this.byId.clear();
    if (this.resident) this.engine = new PassageSearch();
    await this.refresh({ ...options, onProgress: undefined }, rules, true);
  }

  /** Closes the store; the index still answers from memory but can no longer refresh. */
  close(): void {
    this.reader.close();
    this.store.close();
  }

  /**
   * Re-scans the seeds folder; re-reads only new or changed files, storing each one's rows as it is applied.
   * Files are read and ingested first and the index is changed in one synchronous step afterwards, so a query
   * that arrives during a refresh sees either the old corpus or the new one, never half of each. A first build
   * (from open, before anyone can query) is the exception: it adds each file as soon as the files before it
   * are read, so filling the search index overlaps with reading, and it always marks a finished generation.
   */
  async refresh(options: OpenOptions = {}, rules = rulesHash(), firstBuild = false): Promise<RefreshSummary> {
    const inputs = await listInputs(this.location.seedsDir, this.location.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES, this.states);
    const summary: RefreshSummary = { added: [], changed: [], removed: [], skipped: [], warnings: [], reused: true };
    const current = new Set(inputs.map((i) => i.doc));
    const removed = [...this.files.keys(), ...this.skippedFiles.keys()].filter((doc) => !current.has(doc));
    // Files another process (a shard, a bot on another machine) stored since this one loaded are taken from
    // the store as they are; only the rest are read.
    const changed = inputs.filter((i) => this.states.get(i.doc)?.hash !== i.hash);
    const stored = changed.length && !this.resident ? storedHashes(this.store.reader) : new Map<string, string>();
    const todo = changed.filter((i) => stored.get(i.doc) !== i.hash || !this.adopt(i, summary));
    this.restamp(inputs);
    if (todo[0]) options.onProgress?.(0, todo.length, todo[0].doc);
    const pending: (ReadResult | undefined)[] = new Array(todo.length);
    let applied = 0;
    const applyReady = () => {
      // In file order: each result is applied once every file before it has been.
      for (let input = todo[applied], read = pending[applied]; input && read; input = todo[++applied], read = pending[applied]) {
        this.apply(input, read, summary, options);
        pending[applied] = undefined;
      }
    };
    await readReports(todo, (r, done, i) => {
      options.onProgress?.(done, todo.length, r.doc);
      pending[i] = r;
      if (firstBuild) applyReady();
    }, options.workers, options.log, firstBuild ? undefined : this.reader);
    for (const doc of removed) { this.store.remove(doc); this.drop(doc); summary.removed.push(doc); }
    applyReady();
    if (todo.length > 0 || removed.length > 0 || firstBuild || summary.added.length || summary.changed.length) {
      summary.reused = false;
      this.view = this.reindex();
      const c = this.view;
      const facts = [...this.files.keys()].reduce((n, doc) => n + this.counts(doc).facts, 0);
      this.store.finishGeneration(rules, { files: this.states.size, passages: c.passageCount, facts });
    }
    return summary;
  }

  private apply(input: InputFile, { file, tokens, reason, warnings = [] }: ReadResult, summary: RefreshSummary, options: OpenOptions): void {
    if (input.sidecarError) warnings.unshift(`sidecar ${input.sidecarError}; the sidecar is ignored`);
    // Kept with the report's metadata, so the warnings are still listed when the index is reused.
    if (file && warnings.length) file.meta.warnings = warnings;
    const all = file && (tokens ?? file.passages.map((p) => passageTokens(p)));
    const skipped = file ? undefined : { doc: input.doc, reason: reason ?? 'unreadable', hash: input.hash };
    // The store first: when writing fails, the index in memory still matches what is stored.
    if (file) this.store.putFile(file, all!, input.stamp);
    else this.store.putSkipped(skipped!, input.stamp);
    const existed = this.files.has(input.doc) || this.skippedFiles.has(input.doc);
    this.drop(input.doc);
    this.states.set(input.doc, { hash: input.hash, stamp: input.stamp });
    (existed ? summary.changed : summary.added).push(input.doc);
    for (const warning of warnings) options.log?.(`warning: ${input.doc}: ${warning}`);
    if (file) {
      summary.warnings.push(...warnings.map((warning) => ({ doc: input.doc, warning })));
      file.passages.forEach((p, i) => this.engine.addPassage(p, all![i] ?? passageTokens(p)));
      if (this.resident) for (const p of file.passages) this.byId.set(p.id, p);
      // Stored already: a corpus that stays on disk keeps only the report's metadata in memory.
      const counts = { passages: file.passages.length, facts: file.facts.length };
      const held = { counts, glossary: glossaryEntries(file.passages), factYears: factYearsOf(file) };
      this.keep(this.resident ? file : { ...file, passages: [], facts: [], ...held });
      return;
    }
    this.skippedFiles.set(input.doc, skipped!);
    summary.skipped.push(skipped!);
    options.log?.(`skipped ${input.doc}: ${skipped!.reason}`);
  }

  /**
   * Takes a file's rows as another process stored them, when the store holds this very file (same name and
   * bytes): only for an index that leaves passages and facts in the store, where that is all there is to do.
   */
  private adopt(input: InputFile, summary: RefreshSummary): boolean {
    const stored = storedFile(this.store.reader, input.doc);
    if (stored?.hash !== input.hash) return false;
    const existed = this.files.has(input.doc) || this.skippedFiles.has(input.doc);
    this.drop(input.doc);
    // The stamp stays the stored one, so the restamp that follows brings this process's in line.
    this.states.set(input.doc, { hash: stored.hash, stamp: stored.stamp });
    (existed ? summary.changed : summary.added).push(input.doc);
    if (stored.file) {
      this.keep(stored.file);
      summary.warnings.push(...(stored.file.meta.warnings ?? []).map((warning) => ({ doc: input.doc, warning })));
    } else {
      this.skippedFiles.set(input.doc, { doc: input.doc, reason: stored.reason, hash: stored.hash });
      summary.skipped.push({ doc: input.doc, reason: stored.reason });
    }
    return true;
  }

  private keep(file: FileRecord): void {
    this.files.set(file.doc, file);
    this.changedCodes.add(baseCode(file.meta));
  }

  private drop(doc: string): void {
    const old = this.files.get(doc);
    if (old) this.changedCodes.add(baseCode(old.meta));
    for (const p of old?.passages ?? []) {
      this.engine.removePassage(p);
      this.byId.delete(p.id);
    }
    this.files.delete(doc);
    this.skippedFiles.delete(doc);
    this.states.delete(doc);
  }

  /** Files touched but unchanged (same bytes, new mtime) get their new stamp, so the next refresh skips reading them. */
  private restamp(inputs: InputFile[]): void {
    for (const i of inputs) {
      const state = this.states.get(i.doc);
      if (state && state.hash === i.hash && state.stamp !== i.stamp) {
        this.store.restamp(i.doc, i.stamp);
        state.stamp = i.stamp;
      }
    }
  }

  /** After files changed: cite codes, passages by id, and the corpus view that queries will read. */
  private reindex(all = false): CorpusView {
    const files = [...this.files.values()];
    assignCiteSuffixes(files.map((f) => f.meta), all ? undefined : this.changedCodes);
    this.changedCodes.clear();
    const skipped = [...this.skippedFiles.values()].map(({ doc, reason }) => ({ doc, reason }));
    const sorted = () => files.sort((a, b) => byName(a.doc, b.doc));
    const source = this.resident ? residentSource(files, skipped) : storedSource(this.store.reader, sorted(), skipped);
    return new CorpusView(source, this.labels);
  }

  /** The corpus and what lookups derive from it; a new object after every refresh that changed files. */
  get corpus(): CorpusView {
    return this.view;
  }

  /** Ranked passages for a query; a year filters by the year a passage is about or its report's year. */
  searchPassages(query: string, filter: SearchFilter = {}, limit = 50): Hit[] {
    // A store shared with another process may hold reports this one has not loaded yet (its next refresh will).
    return this.engine.searchPassages(query, filter, limit, this.view.glossaryTerms).filter((h) => this.files.has(h.doc));
  }

  /** How many passages' text has the word. */
  documentFrequency(word: string): number {
    return this.engine.documentFrequency(word);
  }

  /** How many passages and facts a report has. */
  counts(doc: string): ReportCounts {
    const f = this.files.get(doc);
    return f?.counts ?? { passages: f?.passages.length ?? 0, facts: f?.facts.length ?? 0 };
  }

  passage(id: string): Passage | undefined {
    if (this.resident) return this.byId.get(id);
    const p = storedPassage(this.store.reader, id);
    return p && this.files.has(p.doc) ? p : undefined;
  }

  report(doc: string): ReportMeta | undefined {
    return this.files.get(doc)?.meta;
  }

  factsOf(doc: string): Fact[] {
    if (!this.files.has(doc)) return [];
    return this.resident ? (this.files.get(doc)?.facts ?? []) : storedFactsOf(this.store.reader, doc);
  }

  passagesOf(doc: string): Passage[] {
    if (!this.files.has(doc)) return [];
    return this.resident ? (this.files.get(doc)?.passages ?? []) : storedPassagesOf(this.store.reader, doc);
  }
}
