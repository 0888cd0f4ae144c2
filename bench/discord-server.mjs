// Worker entry: loads the TypeScript server through tsx (see src/index/worker.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./discord-server.ts', import.meta.url);
