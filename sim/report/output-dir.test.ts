// Where leadsim may write: refusals leave everything as it was; an earlier report, an empty or a
// missing folder is fine; leftovers of dead runs go; names from input stay under reports/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dirsByName,
  OutputError,
  prepareOutputDir,
  prepareOutputFile,
  removeLeftovers,
  reportDirFor,
  REPORT_MARKER,
  TEMPORARY_MARKER,
} from './output-dir.js';
import { replaceDirectory } from './write-reports.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'leadsim-output-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const rules = { option: '--out' };
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(OutputError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

/** A pid no process has: one of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('prepareOutputDir', () => {
  it('accepts a missing, an empty folder and an earlier report', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const report = join(root, 'report');
    mkdirSync(report);
    writeFileSync(join(report, REPORT_MARKER), '');
    writeFileSync(join(report, 'summary.csv'), 'x');
    for (const dir of [join(root, 'a', 'b', 'missing'), empty, report]) expect(prepareOutputDir(dir, rules)).toBe(dir);
    expect(existsSync(join(root, 'a', 'b'))).toBe(true); // the parent was made: writable
    // the probe is gone; the lock stays until this process exits
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['.missing.leadsim-lock']);
  });

  it('refuses a folder of the user, a regular file, a symbolic link, and leaves them as they were', () => {
    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'precious');
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'precious');
    const link = join(root, 'link');
    symlinkSync(mine, link);
    expect(refusal(() => prepareOutputDir(mine, rules))).toMatch(
      /holds 1 file\(s\) that are not a leadsim report \(no \.leadsim-report marker\)/,
    );
    expect(refusal(() => prepareOutputDir(file, rules))).toMatch(/is a regular file, not a report folder/);
    expect(refusal(() => prepareOutputDir(link, rules))).toMatch(/is a symbolic link/);
    expect(readFileSync(join(mine, 'thesis.tex'), 'utf8')).toBe('precious');
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(readdirSync(root).sort()).toEqual(['link', 'mine', 'notes.txt']);
  });

  it('refuses an empty path, the working folder and its ancestors, and a path under a file', () => {
    expect(refusal(() => prepareOutputDir('', rules))).toMatch(/an empty path \(an unset shell variable\?\)/);
    expect(refusal(() => prepareOutputDir('.', rules))).toMatch(/is the folder you are in/);
    expect(refusal(() => prepareOutputDir('..', rules))).toMatch(/is the folder you are in \(or holds it\)/);
    expect(refusal(() => prepareOutputDir('/', rules))).toMatch(/is the folder you are in|root of the file system/);
    writeFileSync(join(root, 'afile'), '');
    expect(refusal(() => prepareOutputDir(join(root, 'afile', 'sub'), rules))).toMatch(
      /cannot write there: .*afile is a file, not a folder/,
    );
  });

  it('accepts an old baseline folder where the rules say so (legacy)', () => {
    const old = join(root, 'old');
    mkdirSync(old);
    writeFileSync(join(old, 'summary.csv'), 'x');
    expect(() => prepareOutputDir(old, rules)).toThrow(OutputError);
    expect(prepareOutputDir(old, { option: '--baseline', legacy: (names) => names.every((n) => n === 'summary.csv') })).toBe(old);
  });
});

describe('leftovers of killed runs', () => {
  it('a folder in the making that names itself is removed; an old report is renamed back; nothing else goes', () => {
    const target = join(root, 'report');
    const dead = deadPid();
    const inTheMaking = (name: string, names = name) => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, REPORT_MARKER), '');
      writeFileSync(join(root, name, TEMPORARY_MARKER), names);
    };
    inTheMaking(`report.tmp-${dead}`);
    inTheMaking(`report.tmp-${process.ppid}`); // its process runs
    inTheMaking(`other.tmp-${dead}`); // another target's
    inTheMaking(`report.tmp-${dead + 1000000}`, 'report.tmp-1'); // a copy: names another folder
    mkdirSync(join(root, `report.old-${dead}`)); // the report set aside by a killed swap
    writeFileSync(join(root, `report.old-${dead}`, REPORT_MARKER), '');
    writeFileSync(join(root, `report.old-${dead}`, TEMPORARY_MARKER), `report.old-${dead}`);
    writeFileSync(join(root, `report.old-${dead}`, 'summary.csv'), 'old');
    writeFileSync(join(root, 'report.old-2019'), 'a file of the user');
    removeLeftovers(target);
    expect(readdirSync(root).sort()).toEqual(
      [`other.tmp-${dead}`, `report.tmp-${dead + 1000000}`, `report.tmp-${process.ppid}`, 'report', 'report.old-2019'].sort(),
    );
    expect(readFileSync(join(target, 'summary.csv'), 'utf8')).toBe('old');
  });

  it('replaceDirectory cleans them too, and marks what it writes', () => {
    const target = join(root, 'report');
    const leftover = join(root, `report.tmp-${deadPid()}`);
    mkdirSync(leftover);
    writeFileSync(join(leftover, REPORT_MARKER), '');
    writeFileSync(join(leftover, TEMPORARY_MARKER), basename(leftover));
    replaceDirectory(target, (dir) => {
      writeFileSync(join(dir, 'a.csv'), 'a');
      return ['a.csv'];
    });
    expect(readdirSync(target).sort()).toEqual([REPORT_MARKER, 'a.csv']);
    expect(readdirSync(root).filter((n) => n.startsWith('report.tmp-') && /\d$/.test(n))).toEqual([]);
  });

  it('replaceDirectory refuses a folder that is not a report, before writing anything', () => {
    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'keep.txt'), 'k');
    let filled = false;
    expect(() =>
      replaceDirectory(mine, () => {
        filled = true;
        return [];
      }),
    ).toThrow(OutputError);
    expect(filled).toBe(false);
    expect(readdirSync(mine)).toEqual(['keep.txt']);
  });
});

describe('names from input', () => {
  it('stay under reports/', () => {
    expect(reportDirFor('raft-5')).toBe(resolve('reports', 'raft-5'));
    for (const name of ['..', '../x', '/etc', 'a/b', '', '.hidden', 'x\ny'])
      expect(refusal(() => reportDirFor(name))).toMatch(/cannot name a folder under reports\//);
  });

  it('two sources of one name are refused instead of overwriting each other', () => {
    const sources = [
      { name: 'same', from: 'a.yaml' },
      { name: 'same', from: 'b.yaml' },
    ];
    expect(refusal(() => dirsByName(sources, root))).toMatch(
      /a\.yaml and b\.yaml are both named 'same', so their reports would overwrite each other/,
    );
  });
});

describe('prepareOutputFile', () => {
  const isShard = (head: string) => head.startsWith('{"format":"leadsim-shard/');
  it('accepts a missing file or one leadsim wrote; refuses any other file and a folder', () => {
    const ours = join(root, 'shard-0-of-2.json');
    writeFileSync(ours, '{"format":"leadsim-shard/1"}');
    const theirs = join(root, 'data.json');
    writeFileSync(theirs, '{"mine": true}');
    expect(prepareOutputFile(join(root, 'new.json'), '--out', isShard, 'shard file')).toBe(join(root, 'new.json'));
    expect(prepareOutputFile(ours, '--out', isShard, 'shard file')).toBe(ours);
    expect(refusal(() => prepareOutputFile(theirs, '--out', isShard, 'shard file'))).toMatch(/a file leadsim did not write/);
    expect(refusal(() => prepareOutputFile(root, '--out', isShard, 'shard file'))).toMatch(/is a folder; expected a shard file/);
    expect(readFileSync(theirs, 'utf8')).toBe('{"mine": true}');
  });
});
