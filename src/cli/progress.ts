/** A progress bar on standard error, only when standard error is a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Called once per document or refusal; `file` is the input file it came from. */
  tick(file: string): void;
  stop(): void;
}

const NONE: Progress = { tick() {}, stop() {} };

/** `total` is the number of input files; the bar advances when a new file starts. */
export function progress(total: number, label: string): Progress {
  if (!process.stderr.isTTY || total < 2) return NONE;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} files | {docs} docs | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { docs: 0 });
  let last: string | null = null;
  let files = 0;
  let docs = 0;
  return {
    tick(file: string) {
      docs++;
      if (file !== last) {
        last = file;
        files++;
      }
      if (docs % 25 === 0 || files !== docs) bar.update(Math.min(files, total), { docs });
    },
    stop() {
      bar.update(Math.min(files, total), { docs });
      bar.stop();
    },
  };
}
