/** A progress bar on a terminal, one line per file otherwise (so CI logs stay readable). */
export function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number, doc: string) => void {
  let lastLogged = -1;
  return (done, total, doc) => {
    if (total === 0) return;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r索引中 [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${doc.slice(0, 40).padEnd(40)}`,
      );
      if (done === total) stream.write('\n');
    } else if (done === total || (done > lastLogged && done % Math.max(1, Math.ceil(total / 10)) === 0 && done > 0)) {
      lastLogged = done;
      stream.write(`indexing ${done}/${total}\n`);
    }
  };
}
