/** The generated corpus's figures side by side, one column per search engine. */
import type { EngineName } from '../src/types.js';
import type { BuildFigures, ColdFigures, OpenFigures } from './fresh.js';
import type { FloorFigures } from './floor.js';
import type { RefreshFigures } from './refresh.js';

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface Figures {
  engine: EngineName;
  build: BuildFigures;
  diskBytes: number;
  open: OpenFigures;
  cold: ColdFigures;
  search: Percentiles;
  ask: Percentiles;
  metric: Percentiles;
  refresh: RefreshFigures;
}

export const ms = (t: number) => `${t.toFixed(1)} ms`;
export const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
export const secs = (t: number) => `${(t / 1000).toFixed(2)} s`;
const p = ({ p50, p95 }: Percentiles) => `${p50.toFixed(1)} / ${p95.toFixed(1)} ms`;

export function floorLine(f: FloorFigures): string {
  const sampled = f.sampledBytes < f.totalBytes ? `, timed on the first ${mb(f.sampledBytes)} and extrapolated` : '';
  const all = `${secs(f.seconds * 1000)} for all ${mb(f.totalBytes)} of input`;
  return `physical floor: jieba alone, one core  ${f.mbPerSec.toFixed(2)} MB/s → ${all}${sampled}`;
}

export function printTable(title: string, columns: Figures[], floor: FloorFigures): void {
  const row = (label: string, cell: (f: Figures) => string) =>
    console.log(`${label.padEnd(46)}${columns.map((f) => cell(f).padEnd(26)).join('')}`.trimEnd());
  console.log(`\n## ${title}`);
  row('', (f) => f.engine);
  row('build, fresh process (wall)', (f) => secs(f.build.wallMs));
  row('floor: jieba alone, one core', () => secs(floor.seconds * 1000));
  row('peak memory while building (max RSS)', (f) => mb(f.build.peakRssBytes));
  row('index on disk', (f) => mb(f.diskBytes));
  row('open, fresh process', (f) => ms(f.open.openMs));
  row('heap after open, fresh process', (f) => mb(f.open.heapBytes));
  row('cold start → first ask answered', (f) => ms(f.cold.askedMs));
  row('cold start → first metric answered', (f) => ms(f.cold.answeredMs));
  row('search p50 / p95', (f) => p(f.search));
  row('ask p50 / p95', (f) => p(f.ask));
  row('metric p50 / p95 (distinct keywords)', (f) => p(f.metric));
  row('new report → answerable', (f) => ms(f.refresh.answerMs));
  row('longest loop stall in refresh (delay monitor)', (f) => ms(f.refresh.stallMs));
  row('  cross-check: longest gap of 5 ms ticks', (f) => ms(f.refresh.tickGapMs));
}
