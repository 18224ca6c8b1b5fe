// Reading a file the user names (a scenario, a shard, a baseline) without trusting it: it must
// be a regular file (a FIFO would block forever, /dev/zero never ends), under a size cap (a
// JavaScript string holds at most ~512 MB, and a parser needs several times the text), and
// valid UTF-8 (a wrong encoding would otherwise turn into silent replacement characters).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** A file that cannot be read as input: the user's to fix (exit 2). The message names the file. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'InputFileError';
  }
}

export interface InputRules {
  /** What the file should be, for messages: 'scenario file', 'shard file', ... */
  what: string;
  maxBytes: number;
}

/** A scenario is written by hand: a few kilobytes; a megabyte is already a generated sweep. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** The text of `path`, or an InputFileError saying why it cannot be input. */
export function readInputText(path: string, rules: InputRules): string {
  const buffer = readRegularFile(path, rules);
  if (!isUtf8(buffer))
    throw new InputFileError(path, `line ${firstBadLine(buffer)}: not valid UTF-8 text (save the ${rules.what} as UTF-8)`);
  // valid UTF-8, but no text file holds NUL bytes: UTF-16 without a byte-order mark, or binary
  if (buffer.includes(0))
    throw new InputFileError(
      path,
      `line ${lineOf(buffer, buffer.indexOf(0))}: holds NUL bytes, so it is not UTF-8 text (UTF-16? save the ${rules.what} as UTF-8)`,
    );
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not content
}

function readRegularFile(path: string, rules: InputRules): Buffer {
  let fd: number;
  try {
    // non-blocking, so that a FIFO opens at once (and is then refused) instead of waiting for a writer
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(path, `cannot read the ${rules.what}: ${fsReason(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputFileError(path, `is a folder, not a ${rules.what}`);
    if (!stat.isFile()) throw new InputFileError(path, `is not a regular file (a device, FIFO or socket), so it cannot be a ${rules.what}`);
    if (stat.size > rules.maxBytes) throw tooLarge(path, stat.size, rules);
    // read to the end, not to the size the file claims: /proc files claim 0 bytes and hold more
    let buffer = Buffer.alloc(Math.min(Math.max(stat.size, 64 * 1024), rules.maxBytes) + 1);
    let read = 0;
    for (;;) {
      if (read === buffer.length) {
        if (read > rules.maxBytes) throw tooLarge(path, rules.maxBytes, rules, 'more than ');
        const grown = Buffer.alloc(Math.min(buffer.length * 2, rules.maxBytes + 1));
        buffer.copy(grown);
        buffer = grown;
      }
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) return buffer.subarray(0, read);
      read += n;
    }
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string, bytes: number, rules: InputRules, qualifier = ''): InputFileError {
  return new InputFileError(path, `is ${qualifier}${size(bytes)}; a ${rules.what} may be at most ${size(rules.maxBytes)}`);
}

/** A size in MiB, with the bytes when rounding would hide the difference (4 MiB + 1 byte is not "4.0 MB"). */
function size(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  if (Number.isInteger(mib)) return `${mib} MiB`;
  return `${mib.toFixed(1)} MiB (${bytes.toLocaleString('en-US')} bytes)`;
}

function lineOf(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buffer[i] === 0x0a) line++;
  return line;
}

/** The 1-based line of the first invalid UTF-8 sequence (a newline byte never occurs inside one). */
function firstBadLine(buffer: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buffer.length; i++) {
    if (i < buffer.length && buffer[i] !== 0x0a) continue;
    if (!isUtf8(buffer.subarray(start, i))) return line;
    line++;
    start = i + 1;
  }
  return line;
}

/** The errno name (ENOENT, EACCES, …) of a failed system call's error; undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A file system error in a user's words: the reason, without Node's stack or syscall noise. */
export function fsReason(error: unknown): string {
  const code = errnoCode(error);
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many symbolic links',
    EEXIST: 'already exists',
    EMFILE: 'too many open files',
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}
