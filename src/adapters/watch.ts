/**
 * Picks up new, changed or removed files under seeds/ while the product runs. Events are debounced and
 * refreshes never overlap; the index re-reads only the files whose content changed.
 */
import { existsSync, watch } from 'node:fs';

export function watchSeeds(dir: string, onChange: () => Promise<void>, debounceMs = 300): () => void {
  if (!existsSync(dir)) return () => {};
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (running) { again = true; return; }
    running = onChange().catch(() => {}).finally(() => {
      running = null;
      if (again) { again = false; run(); }
    });
  };
  const watcher = watch(dir, () => { clearTimeout(timer); timer = setTimeout(run, debounceMs); });
  return () => { clearTimeout(timer); watcher.close(); };
}
