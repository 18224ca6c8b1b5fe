// A kill can come at any moment while a report set aside (`<out>.old-<pid>`) is removed: what is
// left must still carry its markers, or no later run recognises it as a leftover (1.8 MB each,
// never cleaned). Every removal is recorded: a folder goes as a whole only once it holds nothing
// but its markers.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REPORT_MARKER, TEMPORARY_MARKER } from './output-dir.js';
import { replaceDirectory } from './write-reports.js';

const removals = vi.hoisted(() => [] as { path: string; holds: string[] }[]);

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const rmSync: typeof fs.rmSync = (path, options) => {
    const text = String(path);
    let holds: string[] = [];
    try {
      holds = fs.statSync(text).isDirectory() ? fs.readdirSync(text) : [];
    } catch {
      // already gone
    }
    removals.push({ path: text, holds });
    fs.rmSync(path, options);
  };
  return { ...fs, rmSync, default: { ...fs, rmSync } };
});

const root = mkdtempSync(join(tmpdir(), 'leadsim-remove-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('removing the report set aside', () => {
  it('removes its markers last, so that a kill midway leaves it recognisable', () => {
    const target = join(root, 'report');
    const fill = (dir: string) => {
      for (const name of ['summary.csv', 'timeseries.csv', 'index.html']) writeFileSync(join(dir, name), name);
      return ['summary.csv'];
    };
    replaceDirectory(target, fill);
    removals.length = 0;
    replaceDirectory(target, fill); // sets the first aside as report.old-<pid>, then removes it
    const old = `${target}.old-${process.pid}`;
    expect(existsSync(old)).toBe(false);
    const ofOld = removals.filter((r) => r.path === old || r.path.startsWith(`${old}/`));
    expect(ofOld.length).toBeGreaterThan(0);
    for (const removal of ofOld.filter((r) => r.path === old))
      expect(removal.holds.filter((name) => name !== REPORT_MARKER && name !== TEMPORARY_MARKER)).toEqual([]);
    expect(readdirSync(root)).toEqual(['report']);
  });
});
