// `leadsim list`: the bundled scenarios with the first line of their descriptions, each path one
// that works from the folder it is run in (relative when the scenarios are under it, else absolute).
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { loadScenarioFile } from '../../sim/scenario/load-file.js';
import { headline } from '../headline.js';
import { bundledScenariosDir } from '../paths.js';

export function listCommand(): number {
  const dir = bundledScenariosDir();
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const rows = files.map((f) => {
    const loaded = loadScenarioFile(join(dir, f), {});
    return [shownPath(join(dir, f)), headline(loaded.description)];
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  for (const [f, d] of rows) process.stdout.write(`${f.padEnd(width)}  ${d}\n`);
  return 0;
}

/** `path` relative to the working folder when it lies under it, else absolute. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
