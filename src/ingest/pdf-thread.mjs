// Entry of the PDF thread: loads the TypeScript module through tsx (see src/index/worker.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./pdf-thread.ts', import.meta.url);
