// Where the package's own files are, wherever the CLI is run from (dist/bin/ → package root).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function bundledScenariosDir(): string {
  return resolve(packageRoot, 'scenarios');
}
