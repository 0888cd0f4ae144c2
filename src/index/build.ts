/**
 * seeds/ → a ReportIndex: every readable file ingested, its facts extracted, its passages in BM25; unreadable
 * files reported and skipped. Opening reuses the persisted index when its inputs are unchanged and re-reads only
 * the files that changed otherwise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact, FileWarning, Passage, ReportMeta, SkippedFile } from '../types.js';
import { SUPPORTED_EXTENSIONS, unsupportedReason } from '../ingest/formats.js';
import { SidecarSchema, type Sidecar } from '../ingest/metadata.js';
import { initTokenizer } from '../text/tokenizer.js';
import { FORMAT_VERSION, loadStored, readManifest, saveIndex, sha, type FileRecord, type Manifest, type StoredCorpus } from './store.js';
import { PassageSearch, type Hit, type SearchFilter } from './search.js';
import { CorpusView } from './view.js';
import { readReports } from './pool.js';
import type { ReadRequest, ReadResult } from './read.js';
import { assignCiteSuffixes } from '../query/cite.js';
import { checkFile, DEFAULT_MAX_REPORT_BYTES, MAX_SIDECAR_BYTES, readChecked, realRoot } from '../ingest/files.js';

export interface IndexLocation {
  seedsDir: string;
  indexDir: string;
  /** Report files larger than this are skipped with a message (Config.maxReportBytes); 20 MB by default. */
  maxReportBytes?: number;
}

export interface OpenOptions {
  /** Called per file while building: done, total, file name. */
  onProgress?: (done: number, total: number, doc: string) => void;
  log?: (message: string) => void;
  /** Ignore the persisted index and build from scratch. */
  force?: boolean;
  /** Worker threads for reading files; by default one per core when many files change, else none. */
  workers?: number;
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

interface InputFile extends ReadRequest { path: string; sidecarError?: string }

const EMPTY = Buffer.alloc(0);

/** What a skipped oversized file's message tells the user to do. */
const LIMIT_HINT = 'to index it, raise MAX_REPORT_BYTES (e.g. MAX_REPORT_BYTES=50MB in .env or the environment)';

function listInputs(seedsDir: string, maxBytes: number): InputFile[] {
  if (!existsSync(seedsDir)) return [];
  // Links are judged by where they really lead, so the folder itself is compared as a real path too.
  const root = realRoot(seedsDir);
  return readdirSync(seedsDir)
    // Hidden files and Word's lock files (~$报告.docx) are not reports; a type we cannot read is listed so that
    // ingestFile reports it as skipped with the reason, without reading its bytes.
    .filter((f) => !f.startsWith('.') && !f.startsWith('~$') && (SUPPORTED_EXTENSIONS.includes(extname(f).toLowerCase()) || unsupportedReason(f) !== undefined))
    .sort()
    .flatMap((doc) => readInput(doc, join(seedsDir, doc), root, maxBytes) ?? []);
}

/** One folder entry → its bytes and sidecar, or the reason it is refused; undefined when it vanished meanwhile. */
function readInput(doc: string, path: string, root: string, maxBytes: number): InputFile | undefined {
  const unsupported = unsupportedReason(doc);
  if (unsupported) return { doc, path, bytes: EMPTY, hash: sha(`unsupported\0${unsupported}`) };
  const check = checkFile(path, root, maxBytes, LIMIT_HINT);
  if (!check.ok) return check.missing ? undefined : refused(doc, path, check.reason);
  let bytes: Buffer;
  try {
    bytes = readChecked(check.real, check.size);
  } catch (e) {
    return refused(doc, path, (e as Error).message);
  }
  const { sidecar, sidecarError, raw } = readSidecar(path, root);
  // The sidecar's problem is part of the hash, so fixing or removing a broken sidecar re-reads the report.
  const hash = sha(Buffer.concat([bytes, Buffer.from(raw), ...(sidecarError ? [Buffer.from(`\0${sidecarError}`)] : [])]));
  return { doc, path, bytes, sidecar, sidecarError, hash };
}

/** A file that is not read at all; its hash changes with the reason, so a fixed file is tried again. */
function refused(doc: string, path: string, reason: string): InputFile {
  return { doc, path, bytes: EMPTY, refused: reason, hash: sha(`refused\0${reason}`) };
}

/**
 * `<report>.meta.json`, when there is one. It passes the same checks as a report (a pipe or a link to a device
 * is never opened); any problem with it is reported and the report is indexed without it.
 */
function readSidecar(path: string, root: string): { sidecar?: Sidecar; sidecarError?: string; raw: string } {
  const file = `${path}.meta.json`;
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

export class ReportIndex {
  private files = new Map<string, FileRecord>();
  private skippedFiles = new Map<string, SkippedFile & { hash: string }>();
  private byId = new Map<string, Passage>();
  private engine: PassageSearch;
  // Replaced whole when the files change, so a query reads one corpus and what was derived from it.
  private view: CorpusView;

  private constructor(readonly location: IndexLocation, stored: StoredCorpus, engine: PassageSearch) {
    for (const f of stored.files) this.files.set(f.doc, f);
    for (const s of stored.skipped) this.skippedFiles.set(s.doc, s);
    this.engine = engine;
    this.view = this.reindex();
  }

  /** Loads the persisted index, or builds (and persists) it when missing or stale. */
  static async open(location: IndexLocation, options: OpenOptions = {}): Promise<ReportIndex> {
    initTokenizer();
    const rules = rulesHash();
    const manifest = options.force ? null : readManifest(location.indexDir);
    const stored = manifest && manifest.formatVersion === FORMAT_VERSION && manifest.rulesHash === rules ? loadStored(location.indexDir) : null;
    const search = stored && loadSearch(stored.bm25, options.log);
    if (stored && search) {
      const index = new ReportIndex(location, stored.corpus, search);
      await index.refresh(options, rules);
      return index;
    }
    const index = new ReportIndex(location, { files: [], skipped: [] }, new PassageSearch());
    await index.refresh(options, rules, true);
    return index;
  }

  /**
   * Re-scans the seeds folder; re-reads only new or changed files; persists when anything changed. Files are
   * read and ingested first and the index is changed in one synchronous step afterwards, so a query that
   * arrives during a refresh sees either the old corpus or the new one, never half of each. A first build
   * (from open, before anyone can query) is the exception: it adds each file as soon as the files before it
   * are read, so filling the search index overlaps with reading, and it always persists.
   */
  async refresh(options: OpenOptions = {}, rules = rulesHash(), firstBuild = false): Promise<RefreshSummary> {
    const inputs = listInputs(this.location.seedsDir, this.location.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES);
    const summary: RefreshSummary = { added: [], changed: [], removed: [], skipped: [], warnings: [], reused: true };
    const current = new Set(inputs.map((i) => i.doc));
    const removed = [...this.files.keys(), ...this.skippedFiles.keys()].filter((doc) => !current.has(doc));
    const todo = inputs.filter((i) => (this.files.get(i.doc)?.hash ?? this.skippedFiles.get(i.doc)?.hash) !== i.hash);
    if (todo.length) options.onProgress?.(0, todo.length, todo[0].doc);
    const pending: (ReadResult | undefined)[] = new Array(todo.length);
    let applied = 0;
    const applyReady = () => {
      for (; applied < todo.length && pending[applied]; applied++) {
        this.apply(todo[applied], pending[applied]!, summary, options);
        pending[applied] = undefined;
      }
    };
    await readReports(todo, (r, done, i) => {
      options.onProgress?.(done, todo.length, r.doc);
      pending[i] = r;
      if (firstBuild) applyReady();
    }, options.workers, options.log);
    for (const doc of removed) { this.drop(doc); summary.removed.push(doc); }
    applyReady();
    if (todo.length > 0 || removed.length > 0 || firstBuild) {
      summary.reused = false;
      this.view = this.reindex();
      this.persist(rules, inputs);
    }
    return summary;
  }

  private apply(input: InputFile, { file, tokens, reason, warnings = [] }: ReadResult, summary: RefreshSummary, options: OpenOptions): void {
    const existed = this.files.has(input.doc) || this.skippedFiles.has(input.doc);
    this.drop(input.doc);
    (existed ? summary.changed : summary.added).push(input.doc);
    if (input.sidecarError) warnings.unshift(`sidecar ${input.sidecarError}; the sidecar is ignored`);
    for (const warning of warnings) options.log?.(`warning: ${input.doc}: ${warning}`);
    if (file) {
      // Kept with the report's metadata, so the warnings are still listed when the index is reused.
      if (warnings.length) file.meta.warnings = warnings;
      summary.warnings.push(...warnings.map((warning) => ({ doc: input.doc, warning })));
      this.files.set(input.doc, file);
      file.passages.forEach((p, i) => this.engine.addPassage(p, tokens?.[i]));
      return;
    }
    const skipped = { doc: input.doc, reason: reason ?? 'unreadable', hash: input.hash };
    this.skippedFiles.set(input.doc, skipped);
    summary.skipped.push(skipped);
    options.log?.(`skipped ${input.doc}: ${skipped.reason}`);
  }

  private drop(doc: string): void {
    const old = this.files.get(doc);
    for (const p of old?.passages ?? []) this.engine.removePassage(p);
    this.files.delete(doc);
    this.skippedFiles.delete(doc);
  }

  /** After files changed: cite codes, passages by id, and the corpus view that queries will read. */
  private reindex(): CorpusView {
    assignCiteSuffixes([...this.files.values()].map((f) => f.meta));
    this.byId.clear();
    for (const f of this.files.values()) for (const p of f.passages) this.byId.set(p.id, p);
    const files = [...this.files.values()].sort((a, b) => a.doc.localeCompare(b.doc));
    return new CorpusView({
      reports: files.map((f) => f.meta),
      passages: files.flatMap((f) => f.passages),
      facts: files.flatMap((f) => f.facts),
      skipped: [...this.skippedFiles.values()].map(({ doc, reason }) => ({ doc, reason })),
      warnings: files.flatMap((f) => (f.meta.warnings ?? []).map((warning) => ({ doc: f.doc, warning }))),
    });
  }

  private persist(rules: string, inputs: InputFile[]): void {
    const corpus: StoredCorpus = { files: [...this.files.values()], skipped: [...this.skippedFiles.values()] };
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      rulesHash: rules,
      inputs: Object.fromEntries(inputs.map((i) => [i.doc, i.hash])),
      builtAt: new Date().toISOString(),
      passages: this.byId.size,
      facts: this.corpus.facts.length,
    };
    saveIndex(this.location.indexDir, manifest, corpus, this.engine.save());
  }

  /** The corpus and what lookups derive from it; a new object after every refresh that changed files. */
  get corpus(): CorpusView {
    return this.view;
  }

  /** Ranked passages for a query; a year filters by the year a passage is about or its report's year. */
  searchPassages(query: string, filter: SearchFilter = {}, limit = 50): Hit[] {
    return this.engine.searchPassages(query, filter, limit, this.view.glossaryTerms);
  }

  /** How many passages' text has the word. */
  documentFrequency(word: string): number {
    return this.engine.documentFrequency(word);
  }

  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  report(doc: string): ReportMeta | undefined {
    return this.files.get(doc)?.meta;
  }

  factsOf(doc: string): Fact[] {
    return this.files.get(doc)?.facts ?? [];
  }

  passagesOf(doc: string): Passage[] {
    return this.files.get(doc)?.passages ?? [];
  }
}

/** A persisted search index, or null (and a message) when it cannot be read: the index is then rebuilt. */
function loadSearch(json: string, log?: (message: string) => void): PassageSearch | null {
  try {
    return PassageSearch.load(json);
  } catch (e) {
    log?.(`the saved search index cannot be read (${(e as Error).message}); rebuilding it`);
    return null;
  }
}
