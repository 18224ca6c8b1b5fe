import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FAILOVER_COLUMNS, type RunResult } from '../metrics/run-result.js';
import { syntheticInput } from '../../test/fixtures/synthetic-report.js';
import { REPORT_MARKER } from './output-dir.js';
import { summaryCsv, writeFileAtomic, writeReports } from './write-reports.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'leadsim-report-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

/** A result whose failovers cannot be read: writing fails after the first files are written. */
function poisoned(input: ReturnType<typeof syntheticInput>): ReturnType<typeof syntheticInput> {
  const bad: RunResult = { ...input.results[0] };
  Object.defineProperty(bad, 'failovers', {
    get() {
      throw new Error('boom');
    },
  });
  return { ...input, results: [...input.results, bad] };
}

describe('writeReports', () => {
  it('writes the CSVs, charts and index.html and returns their paths', async () => {
    const out = join(root, 'report');
    const paths = await writeReports(out, syntheticInput({ trials: 2 }));
    const names = paths.map((p) => p.slice(out.length + 1));
    expect(names.slice(0, 3)).toEqual(['summary.csv', 'timeseries.csv', 'failovers.csv']);
    expect(names).toContain('throughput.svg');
    expect(names).toContain('timeline-raft.svg');
    expect(names[names.length - 1]).toBe('index.html');
    for (const p of paths) expect(existsSync(p)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([REPORT_MARKER, ...names].sort());
  });

  it('writes byte-identical files for identical input', async () => {
    const input = syntheticInput({ nodes: [3, 5, 101], trials: 3, violations: 1 });
    const out = join(root, 'report');
    await writeReports(out, input);
    const first = snapshot(out);
    await writeReports(out, syntheticInput({ nodes: [3, 5, 101], trials: 3, violations: 1 }));
    expect(snapshot(out)).toEqual(first);
  });

  it('leaves no temporary directory behind and replaces stale files of an earlier report', async () => {
    const out = join(root, 'report');
    mkdirSync(out);
    writeFileSync(join(out, REPORT_MARKER), '');
    writeFileSync(join(out, 'stale.svg'), 'old');
    await writeReports(out, syntheticInput());
    expect(readdirSync(root)).toEqual(['report']);
    expect(existsSync(join(out, 'stale.svg'))).toBe(false);
  });

  it('creates no outDir when writing fails midway', async () => {
    const out = join(root, 'nested', 'report');
    await expect(writeReports(out, poisoned(syntheticInput()))).rejects.toThrow('boom');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(root, 'nested'))).toEqual([]);
  });

  it('keeps the previous report intact when writing fails midway', async () => {
    const out = join(root, 'report');
    await writeReports(out, syntheticInput());
    const before = snapshot(out);
    await expect(writeReports(out, poisoned(syntheticInput({ trials: 2 })))).rejects.toThrow('boom');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(root)).toEqual(['report']);
  });

  it('writes a header-only failovers.csv when nothing failed over', async () => {
    const input = syntheticInput();
    for (const r of input.results) r.failovers = [];
    const out = join(root, 'report');
    const names = (await writeReports(out, input)).map((p) => p.slice(out.length + 1));
    expect(readFileSync(join(out, 'failovers.csv'), 'utf8')).toBe(`${FAILOVER_COLUMNS.join(',')}\n`);
    expect(names).not.toContain('failover-cdf.svg');
  });

  it('adds sweep keys as trailing columns so sweep points stay apart', async () => {
    const out = join(root, 'report');
    await writeReports(out, syntheticInput({ nodes: [3, 5] }));
    const header = readFileSync(join(out, 'timeseries.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('variant,trial,t_ms,throughput_ops_s,failed,latency_p50_ms,latency_p99_ms,leader,architecture.nodes');
  });
});

describe('summaryCsv and writeFileAtomic', () => {
  it('summaryCsv is exactly the summary.csv a report writes', async () => {
    const input = syntheticInput({ nodes: [3, 5], trials: 2 });
    const out = join(root, 'report');
    await writeReports(out, input);
    expect(summaryCsv(input.results, input.sweepKeys)).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
  });

  it('writeFileAtomic creates the directory and leaves no temporary file', () => {
    const file = join(root, 'a', 'b', 'summary.csv');
    writeFileAtomic(file, 'x\n');
    writeFileAtomic(file, 'y\n');
    expect(readFileSync(file, 'utf8')).toBe('y\n');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['summary.csv']);
  });
});
