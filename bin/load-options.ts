// The scenario options every command shares (--seed, --trials, --set path=value) and the
// loading of scenario files with them applied.
import { loadScenarioFile } from '../sim/scenario/load-file.js';
import type { LoadedScenario, LoadOptions } from '../sim/scenario/load.js';
import { badPath } from '../sim/scenario/expand.js';
import { MAX_TRIALS } from '../sim/scenario/schema.js';
import { noteReproduction, UsageError } from './cli-errors.js';

export interface ScenarioOptions {
  seed?: string;
  trials?: string;
  set?: string[];
  /** --max-events: the per-run event budget. */
  maxEvents?: string;
}

export function loadAll(files: string[], options: ScenarioOptions, load: LoadOptions = {}): LoadedScenario[] {
  const overrides: Record<string, string> = {};
  for (const assignment of options.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${assignment}: expected path=value, e.g. --set architecture.nodes=7`);
    const path = assignment.slice(0, eq);
    const problem = badPath(path);
    if (problem !== undefined) throw new UsageError(`--set ${assignment}: ${problem}`);
    overrides[path] = assignment.slice(eq + 1);
  }
  // checked here in full, so that a bad value is blamed on the option typed, not on a --set
  if (options.seed !== undefined) overrides.seed = wholeNumber('--seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
  if (options.trials !== undefined) overrides.trials = wholeNumber('--trials', options.trials, 1, MAX_TRIALS);
  const maxEvents = options.maxEvents === undefined ? undefined : eventBudget(options.maxEvents);
  const loaded = files.map((file) => loadScenarioFile(file, overrides, { maxEvents, ...load }));
  noteReproduction(loaded.map((s) => `${s.file}: seed ${s.baseSeed}`).join('; '));
  return loaded;
}

function wholeNumber(flag: string, text: string, min: number, max: number): string {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new UsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return text.trim();
}

/** --max-events: a whole number of events, written plainly or as 5e8 (at least 1, finite). */
function eventBudget(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+(\.\d+)?(e\+?\d+)?$/i.test(text.trim()) || !Number.isFinite(value) || value < 1 || value > Number.MAX_SAFE_INTEGER)
    throw new UsageError(`--max-events ${text}: expected a number of engine events from 1 to 9e15, e.g. 2e9 (the default is 5e8 per run)`);
  return Math.floor(value);
}
