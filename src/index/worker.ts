/** A worker thread of the indexing pool: reads the files it is sent and answers with their position. */
import { parentPort } from 'node:worker_threads';
import { readReport, type ReadRequest } from './read.js';

parentPort!.on('message', async ({ i, req }: { i: number; req: ReadRequest }) => {
  parentPort!.postMessage({ i, r: await readReport(req) });
});
