// How the CLI fails. Bad input (a scenario error, a wrong option) is the user's to fix: one
// clear line, exit 2, no stack trace. Anything else is our bug, and says so.
import { CommanderError } from 'commander';
import { ScenarioError } from '../sim/scenario/errors.js';

export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
const EXIT_INTERNAL = 70;

export function exitOnError(error: unknown): never {
  if (error instanceof ScenarioError || error instanceof UsageError) {
    process.stderr.write(`leadsim: ${error.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`leadsim: internal error (please report it with the scenario file):\n${detail}\n`);
  process.exit(EXIT_INTERNAL);
}
