// `leadsim validate FILE...`: check scenario files without running them. Every file is
// checked; the first error of each is printed; exit 2 if any file is bad.
import { ScenarioError } from '../../sim/scenario/errors.js';
import { loadScenarioFile } from '../../sim/scenario/load-file.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../cli-errors.js';

export function validateCommand(files: string[]): number {
  let exit = EXIT_OK;
  for (const file of files) {
    try {
      const loaded = loadScenarioFile(file, {});
      process.stdout.write(`ok  ${file}: ${loaded.name}, ${loaded.runs.length} run(s) × ${loaded.trials} trial(s)\n`);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      process.stderr.write(`leadsim: ${error.message}\n`);
      exit = EXIT_BAD_INPUT;
    }
  }
  return exit;
}
