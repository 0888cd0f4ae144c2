/** The PDF thread: reads each PDF it is sent and answers with its lines or the reason it cannot. */
import { parentPort } from 'node:worker_threads';
import { extractPdfLines } from './pdf-text.js';
import { UnreadableFile } from './decode.js';

parentPort!.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, lines: await extractPdfLines(bytes) });
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).message, unreadable: e instanceof UnreadableFile });
  }
});
