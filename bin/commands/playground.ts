// `leadsim playground [--out FILE.html]`: the playground page — the engine built for the browser,
// every bundled scenario and an editor, in one file that opens offline.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAYGROUND_MARK, playgroundPage } from '../../sim/playground/page.js';
import { prepareOutputFile } from '../../sim/report/output-dir.js';
import { writeFileAtomic } from '../../sim/report/write-reports.js';
import { EXIT_OK, UsageError } from '../cli-errors.js';
import { bundledScenariosDir, packageVersion, playgroundEngineFile } from '../paths.js';

export const DEFAULT_PLAYGROUND = join('reports', 'playground.html');

export function playgroundCommand(options: { out?: string }): number {
  const file = options.out ?? DEFAULT_PLAYGROUND;
  if (!file.endsWith('.html')) throw new UsageError(`--out ${file}: expected a file name ending in .html`);
  // only a missing file or a page leadsim wrote may be replaced
  const out = prepareOutputFile(file, '--out', (head) => head.includes(PLAYGROUND_MARK), 'leadsim playground page');
  writeFileAtomic(out, playgroundPage(readFileSync(playgroundEngineFile(), 'utf8'), bundledScenarios(), packageVersion()));
  process.stdout.write(`${out}\n`);
  return EXIT_OK;
}

/** Every bundled scenario's text by name (its file name without .yaml), in name order. */
function bundledScenarios(): Record<string, string> {
  const dir = bundledScenariosDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return Object.fromEntries(files.map((f) => [f.slice(0, -'.yaml'.length), readFileSync(join(dir, f), 'utf8')]));
}
