import { readFileSync } from 'node:fs';
import { ingestText } from './src/ingest/ingest.js';
for (const f of process.argv.slice(2)) {
  const r = ingestText(f, readFileSync(`/work/shared/corpus2/${f}`));
  console.log(f, r.meta.place?.name, r.meta.reportYear, r.meta.yearFrom, r.meta.kind);
}
