// How every command ends: with its output out. process.exit() drops writes still queued for a
// pipe (a slow reader got the first 64 KiB and exit 0), so a command sets the exit code and
// exits only once standard output and standard error have taken everything written to them.
// A write error on standard output is a failure too: a full disk or a broken device is exit 2
// with one line; a reader that went away (EPIPE: `leadsim schema | head`) wants no more and is
// not told anything.
import { fstatSync, writeSync } from 'node:fs';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 70;
export const EXIT_INTERRUPTED = 130;

let outputFailed = false;

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the device',
  EIO: 'input/output error',
};

/** Watches standard output for write errors (once per process, before anything is written). */
export function watchStandardOutput(): void {
  writeFilesWhole(process.stdout);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (outputFailed || error.code === 'EPIPE') return;
    outputFailed = true;
    process.exitCode = EXIT_BAD_INPUT;
    const reason = (error.code && REASONS[error.code]) ?? error.message;
    process.stderr.write(`leadsim: standard output: ${reason}; the output is incomplete\n`);
  });
}

/**
 * Node writes to a file on standard output with one write(2) and drops what a short write
 * leaves (a disk that fills up takes the first bytes, says nothing, and the next write fails):
 * this writes until all is written, so the failure that follows is seen.
 */
function writeFilesWhole(stream: NodeJS.WriteStream): void {
  let stat;
  try {
    stat = fstatSync(1);
  } catch {
    return;
  }
  if (stream.isTTY || stat.isFIFO() || stat.isSocket()) return; // a stream Node writes whole
  stream._write = (chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    try {
      for (let written = 0; written < bytes.length;) {
        const n = writeSync(1, bytes, written, bytes.length - written);
        if (n === 0) throw Object.assign(new Error('nothing more could be written'), { code: 'EIO' });
        written += n;
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  };
}

/** Ends the process with `code` once standard output and standard error are written out. */
export function finish(code: number): void {
  if (!outputFailed) process.exitCode = code;
  let open = 2;
  // a failed write reports its error on the next tick: let it be seen before exiting
  const done = () => {
    if (--open === 0) setImmediate(() => process.exit());
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
