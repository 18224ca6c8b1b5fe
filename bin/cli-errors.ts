// How the CLI fails. Bad input (a scenario error, a wrong option, a path that cannot be written,
// an unreadable baseline or shard) is the user's to fix: one clear line, exit 2, no stack trace.
// Anything else is our bug, and says so, with what reproduces it.
import { CommanderError } from 'commander';
import { OutputError } from '../sim/report/output-dir.js';
import { ScenarioError } from '../sim/scenario/errors.js';
import { InputFileError } from '../sim/scenario/input-file.js';
import { ShardError } from '../sim/shard-error.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, finish } from './finish.js';

export class UsageError extends Error {}

export { EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED } from './finish.js';

/** Errors that mean the input, an option or an output path is wrong: the user's to fix. */
const USER_ERRORS = [ScenarioError, UsageError, OutputError, InputFileError, ShardError];

export function isUserError(error: unknown): error is Error {
  return USER_ERRORS.some((kind) => error instanceof kind);
}

/** A file system error that reached the top without a better message: still the user's, if it names a path. */
function fileSystemError(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
  };
  return reasons[e.code] && `${e.path}: ${reasons[e.code]}`;
}

// What was running, so that a bug report says how to reproduce it: the seeds the scenarios ran with.
let seeds: string | undefined;

/** Remembers the seed of each scenario loaded (for a bug report). */
export function noteReproduction(text: string): void {
  seeds = text;
}

/** The command as typed (every option, --out included), quoted for a POSIX shell where needed. */
export function commandLine(argv: readonly string[] = process.argv): string {
  const quote = (arg: string) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ['leadsim', ...argv.slice(2).map(quote)].join(' ');
}

export function exitOnError(error: unknown): void {
  if (isUserError(error)) {
    process.stderr.write(`leadsim: ${oneLine(error.message)}\n`);
    return finish(EXIT_BAD_INPUT);
  }
  if (error instanceof CommanderError) return finish(error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT);
  const fsMessage = fileSystemError(error);
  if (fsMessage !== undefined) {
    process.stderr.write(`leadsim: ${fsMessage}\n`);
    return finish(EXIT_BAD_INPUT);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    'leadsim: internal error: this is a bug in leadsim, not in your input; please report it with the scenario file' +
      ` and this command, which reproduces it: ${commandLine()}` +
      (seeds ? ` (${seeds})` : '') +
      `\n${detail}\n`,
  );
  finish(EXIT_INTERNAL);
}

/** A message from input may hold line breaks (a YAML key, a file name): one line it stays. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
