// `leadsim list`: the bundled scenarios with the first line of their descriptions.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
    return [`scenarios/${f}`, headline(loaded.description)];
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  for (const [f, d] of rows) process.stdout.write(`${f.padEnd(width)}  ${d}\n`);
  return 0;
}
