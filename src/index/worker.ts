/** A worker thread of the indexing pool: reads the files it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { readReport, type ReadRequest } from './read.js';

parentPort!.on('message', async (req: ReadRequest) => {
  parentPort!.postMessage(await readReport(req));
});
