// Ctrl-C (SIGINT) or a job scheduler's SIGTERM while leadsim writes: stop, remove the temporary
// files and folders in use (a report being written, a shard file), and exit 130 — leaving the
// earlier report, if any, as it was. The handler runs only when this thread is free, so commands
// that install it run simulations in worker threads or, a single run, here in slices of events
// (execute's `isolate`); a synchronous write in progress finishes (or fails) first, and its
// temporary path is removed either way.
import { writeSync } from 'node:fs';
import { removeTemporaries } from '../sim/report/output-dir.js';
import { EXIT_INTERRUPTED } from './cli-errors.js';

let installed = false;

/** Makes SIGINT and SIGTERM clean up and exit 130 (once per process; later calls do nothing). */
export function exitCleanlyOnInterrupt(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      removeTemporaries();
      // written synchronously: the process stops here (the work it interrupts must not go on), and
      // process.exit() would drop a message still queued for a pipe
      writeSync(2, `\nleadsim: interrupted (${signal}); temporary files removed, earlier reports left as they were\n`);
      process.exit(EXIT_INTERRUPTED);
    });
  }
}
