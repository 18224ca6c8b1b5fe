// `run --format`: the CSV files alone are the same bytes, and load no chart or page code (the
// comparison with SimPy is a simulation, not a drawing); `check` never draws either.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadsimBin, repoRoot, runLeadsim, scratchDir } from '../test/cli.js';

// small and fast: a three-node Raft group whose leader crashes (so there is a replay page)
const scenario = join(repoRoot, 'bench', 'check-probe.yaml');
const ONE_TRIAL = ['--trials', '1'];
// the bundle's chunks for the charts (d3-node, jsdom), the index page and the replay pages
const DRAWING_CHUNK = /\/dist\/bin\/(charts|html|replays)-[A-Z0-9]{8}\.js$/;

/** The modules a CLI command loaded (test/record-loads.mjs lists them). */
function loadsOf(args: readonly string[]): { code: number | null; loaded: string[] } {
  const list = join(scratchDir('loads'), 'loads.txt');
  const r = spawnSync(process.execPath, ['--import', join(repoRoot, 'test', 'record-loads.mjs'), leadsimBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, LEADSIM_LOADS: list },
  });
  expect(r.status, r.stderr).toBe(0);
  return { code: r.status, loaded: existsSync(list) ? readFileSync(list, 'utf8').trim().split('\n') : [] };
}

describe('run --format', () => {
  it('writes only the CSV files with csv, byte for byte those of a full report', () => {
    const full = join(scratchDir('full'), 'report');
    const tables = join(scratchDir('tables'), 'report');
    expect(runLeadsim(['run', scenario, ...ONE_TRIAL, '--out', full, '--quiet']).code).toBe(0);
    const r = runLeadsim(['run', scenario, ...ONE_TRIAL, '--out', tables, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`report: ${tables}/\n`);
    const written = readdirSync(tables).filter((f) => !f.startsWith('.'));
    expect(written.sort()).toEqual(['failovers.csv', 'summary.csv', 'timeseries.csv']);
    for (const file of written) expect(readFileSync(join(tables, file), 'utf8')).toBe(readFileSync(join(full, file), 'utf8'));
  });

  it('writes the charts alone with svg, and the pages with html', () => {
    const charts = join(scratchDir('svg'), 'report');
    expect(runLeadsim(['run', scenario, ...ONE_TRIAL, '--out', charts, '--format', 'svg', '--quiet']).code).toBe(0);
    expect(
      readdirSync(charts)
        .filter((f) => !f.startsWith('.'))
        .every((f) => f.endsWith('.svg')),
    ).toBe(true);
    const pages = join(scratchDir('html'), 'report');
    expect(runLeadsim(['run', scenario, ...ONE_TRIAL, '--out', pages, '--format', 'html,csv', '--quiet']).code).toBe(0);
    expect(readdirSync(pages).filter((f) => f.endsWith('.svg'))).toEqual([]);
    expect(readdirSync(pages)).toContain('index.html');
  });

  it('loads no chart or page code with csv; a full run does (so the probe can fail)', () => {
    const tables = loadsOf(['run', scenario, ...ONE_TRIAL, '--out', join(scratchDir('csv'), 'r'), '--format', 'csv', '--quiet']);
    expect(tables.loaded.length).toBeGreaterThan(0);
    expect(tables.loaded.filter((url) => DRAWING_CHUNK.test(url))).toEqual([]);
    const full = loadsOf(['run', scenario, ...ONE_TRIAL, '--out', join(scratchDir('all'), 'r'), '--quiet']);
    expect(full.loaded.filter((url) => DRAWING_CHUNK.test(url)).length).toBeGreaterThanOrEqual(3);
  });

  it('check loads no chart or page code', () => {
    const baseline = scratchDir('baseline');
    expect(runLeadsim(['check', scenario, ...ONE_TRIAL, '--baseline', baseline, '--update']).code).toBe(0);
    const { loaded } = loadsOf(['check', scenario, ...ONE_TRIAL, '--baseline', baseline]);
    expect(loaded.filter((url) => DRAWING_CHUNK.test(url))).toEqual([]);
  });

  it.each(['xml', '', 'csv,,svg', 'CSV'])('refuses --format %j with one line, exit 2', (format) => {
    const r = runLeadsim(['run', scenario, '--out', join(scratchDir('bad'), 'r'), '--format', format]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--format');
  });
});
