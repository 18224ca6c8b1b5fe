// Where the package's own files are, wherever the CLI is run from (dist/bin/ → package root).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function bundledScenariosDir(): string {
  return resolve(packageRoot, 'scenarios');
}

/** The installed package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The playground's browser bundle of the engine, built by scripts/bundle.js. */
export function playgroundEngineFile(): string {
  return resolve(packageRoot, 'dist', 'playground', 'engine.js');
}
