// Worker threads start from plain JavaScript and load the TypeScript worker through tsx's API: a worker's
// --import hooks are not in place yet when Node 20 resolves the worker's own entry file.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
