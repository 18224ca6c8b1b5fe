// A scenario file from disk: read it without trusting it (input-file.ts), then parse it
// (load.ts). Kept apart from the parser so that the parser needs no file system (the
// playground parses scenarios in a browser).
import { ScenarioError } from './errors.js';
import { InputFileError, MAX_SCENARIO_BYTES, readInputText } from './input-file.js';
import { parseScenarioText, type LoadedScenario, type LoadOptions, type Overrides } from './load.js';

export function loadScenarioFile(path: string, overrides: Overrides = {}, options: LoadOptions = {}): LoadedScenario {
  let text: string;
  try {
    text = readInputText(path, { what: 'scenario file', maxBytes: MAX_SCENARIO_BYTES });
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new ScenarioError({ file: path, key: '', detail: error.detail });
  }
  return parseScenarioText(text, path, overrides, options);
}
