// The built CLI as the tests run it: one way to spawn `dist/bin/leadsim.js` (npm test builds
// first) and to make a scratch folder, so every CLI test runs the binary the same way.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');
export const leadsimBin = join(repoRoot, 'dist', 'bin', 'leadsim.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Default: the repository, where `scenarios/` and `reports/` are. */
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  timeout?: number;
}

export function runLeadsim(args: readonly string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [leadsimBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the test run's temporary root (test/temp-root.ts removes it). */
export const scratchDir = (label: string): string => mkdtempSync(join(tmpdir(), `leadsim-${label}-`));

/** Writes `text` as `scenario.yaml` in a fresh folder and returns its path. */
export function writeScenario(text: string, label = 'scenario'): string {
  const file = join(scratchDir(label), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

/** Numbered fresh folders (t0, t1, …) under `root`, one per call. */
export function freshDirs(root: string): () => string {
  let made = 0;
  return () => {
    const dir = join(root, `t${made++}`);
    mkdirSync(dir);
    return dir;
  };
}

/** A scenario that runs in a fraction of a second: two stateless servers for one second. */
export const TINY_SCENARIO = `name: tiny
seed: 5
duration: 1s
warmup: 200ms
architecture: { kind: stateless-lb, nodes: 2 }
workload: { arrival: { kind: poisson, rate: 200/s } }
`;
