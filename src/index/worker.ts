/** A worker thread of the indexing pool: reads the files it is sent and answers with their position. */
import { parentPort } from 'node:worker_threads';
import { readReport, type ReadRequest } from './read.js';
import { initTokenizer } from '../text/tokenizer.js';
import { preparePlaces } from '../text/places.js';

// Ready before the first report arrives: a running bot's first new report is then read as fast as the next.
initTokenizer();
preparePlaces();

parentPort!.on('message', async ({ i, req }: { i: number; req: ReadRequest }) => {
  parentPort!.postMessage({ i, r: await readReport(req) });
});
