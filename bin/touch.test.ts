// The promises of "What leadsim will and won't touch" against what breaks them in practice: a
// user's file that looks like a leftover, a kill between the two renames of a report, symbolic
// links around the guards, a mount point, a full disk and several runs racing for one --out.
// The built binary, real processes, real signals; bounded in count and time.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { leadsimBin, runLeadsim, scratchDir, freshDirs, TINY_SCENARIO } from '../test/cli.js';
import { withTinyDisk } from '../test/tiny-disk.js';

const work = scratchDir('touch');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tmp = freshDirs(work);
const leadsim = (args: string[], cwd = work) => runLeadsim(args, { cwd, timeout: 120_000 });

const small = TINY_SCENARIO;
// minutes of simulation: still running when it is killed
const long = small.replace('duration: 1s', 'duration: 3000s').replace('200/s', '2000/s');

function file(text: string, dir = tmp(), name = 'scenario.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function expectRefused(r: ReturnType<typeof leadsim>, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/** Starts leadsim, SIGKILLs it once `started()` holds (polled) or after 10 s, resolves when it is gone. */
function killedWhileRunning(args: string[], started: () => boolean): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [leadsimBin, ...args], { cwd: work });
    const poll = setInterval(() => started() && child.kill('SIGKILL'), 20);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', () => {
      clearInterval(poll);
      clearTimeout(timer);
      done();
    });
  });
}

describe('leftovers: only what leadsim provably made goes', () => {
  it("a file of the user's named like a leftover is kept", () => {
    const parent = tmp();
    writeFileSync(join(parent, 'results.old-2019'), 'x');
    const copied = join(parent, `results.tmp-${deadPid()}`); // a report copied there: marked, but not naming itself
    mkdirSync(copied);
    writeFileSync(join(copied, '.leadsim-report'), '');
    writeFileSync(join(copied, 'notes.txt'), 'y');
    expect(leadsim(['run', file(small), '--out', join(parent, 'results'), '--quiet']).code).toBe(0);
    expect(readFileSync(join(parent, 'results.old-2019'), 'utf8')).toBe('x');
    expect(readFileSync(join(copied, 'notes.txt'), 'utf8')).toBe('y');
  });

  it('a scenario named demo.old-2023 keeps its report when demo runs', () => {
    const cwd = tmp();
    expect(leadsim(['run', file(small.replace('name: tiny', 'name: demo.old-2023')), '--quiet'], cwd).code).toBe(0);
    expect(leadsim(['run', file(small.replace('name: tiny', 'name: demo')), '--quiet'], cwd).code).toBe(0);
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['demo', 'demo.old-2023']);
    expect(existsSync(join(cwd, 'reports', 'demo.old-2023', 'summary.csv'))).toBe(true);
  });
});

describe('a kill between the two renames of a report', () => {
  it('the old report set aside is renamed back, and survives the next run being killed too', async () => {
    const parent = tmp();
    const out = join(parent, 'report');
    expect(leadsim(['run', file(small), '--out', out, '--quiet']).code).toBe(0);
    const before = readFileSync(join(out, 'summary.csv'), 'utf8');
    // what a SIGKILL right after rename(out → out.old-PID) leaves: no out, the old report aside
    const pid = deadPid();
    writeFileSync(join(out, '.leadsim-temporary'), `report.old-${pid}`);
    renameSync(out, join(parent, `report.old-${pid}`));
    mkdirSync(join(parent, `report.tmp-${pid}`));
    writeFileSync(join(parent, `report.tmp-${pid}`, '.leadsim-report'), '');
    writeFileSync(join(parent, `report.tmp-${pid}`, '.leadsim-temporary'), `report.tmp-${pid}`);
    // killed once it has put the old report back and removed the unfinished one: simulating
    const cleaned = () => existsSync(out) && !existsSync(join(parent, `report.tmp-${pid}`));
    await killedWhileRunning(['run', file(long), '--out', out, '--quiet'], cleaned);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(before);
    expect(readdirSync(parent).filter((n) => !n.startsWith('.'))).toEqual(['report']);
  });
});

describe('guards compare real paths', () => {
  it('a symlinked spelling of a folder that holds the working folder is refused', () => {
    const top = tmp();
    const r = join(top, 'R');
    mkdirSync(join(r, 'inside'), { recursive: true });
    writeFileSync(join(r, 'inside', 'mywork.txt'), 'mine');
    symlinkSync(top, join(top, 'LT'));
    expectRefused(leadsim(['run', file(small), '--out', join(top, 'LT', 'R')], join(r, 'inside')), /is the folder you are in/);
    expect(readFileSync(join(r, 'inside', 'mywork.txt'), 'utf8')).toBe('mine');
  });

  it('merge refuses an --out that holds the shards through a symbolic link', () => {
    const top = tmp();
    const shards = join(top, 'swp');
    expect(leadsim(['sweep', file(small), '--shard', '0/1', '--out', shards, '--quiet']).code).toBe(0);
    symlinkSync(shards, join(top, 'sh'));
    expectRefused(leadsim(['merge', join(top, 'sh'), '--out', shards]), /holds .*shard-0-of-1\.json, an input of this command/);
    expect(readdirSync(shards)).toEqual(['shard-0-of-1.json']);
  });

  it('run refuses an --out that holds the scenario file it was given', () => {
    const rep = tmp();
    const scenario = file(small, rep, 'my.yaml');
    expectRefused(leadsim(['run', scenario, '--out', rep]), /holds .*my\.yaml, an input of this command/);
    expect(readFileSync(scenario, 'utf8')).toBe(small);
  });
});

/** Fills the disk to its last byte. */
function fillUp(disk: string): void {
  for (let k = 0; ; k++) {
    try {
      writeFileSync(join(disk, `more-${k}`), Buffer.alloc(4096));
    } catch {
      return;
    }
  }
}

describe('disks', () => {
  it('--out on a mount point is refused before simulating', (context) => {
    withTinyDisk(context, 1024 * 1024, (disk) => {
      expectRefused(leadsim(['run', file(small), '--out', disk]), /is a mount point/);
      expect(readdirSync(disk)).toEqual([]);
    });
  });

  // not yet passing: on a full tmpfs the refusal comes from another step than the write (to finish)
  it('a full disk: exit 2 naming the path, the earlier report intact, nothing left behind', (context) => {
    withTinyDisk(context, 256 * 1024, (disk) => {
      const out = join(disk, 'report');
      const scenario = file(small);
      expect(leadsim(['run', scenario, '--out', out, '--quiet', '--no-replay']).code).toBe(0);
      const before = readFileSync(join(out, 'summary.csv'), 'utf8');
      fillUp(disk);
      const r = leadsim(['run', scenario, '--out', out, '--quiet', '--seed', '6', '--no-replay']);
      expectRefused(r, /report.*no space left on the device/);
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(before);
      expect(readdirSync(disk).filter((n) => !n.startsWith('more-'))).toEqual(['report']);
      expectRefused(leadsim(['check', scenario, '--baseline', join(disk, 'base'), '--update']), /base.*no space left on the device/);
      expectRefused(leadsim(['sweep', scenario, '--shard', '0/1', '--out', disk]), /shard-0-of-1\.json: no space left on the device/);
      expectRefused(leadsim(['replay', scenario, '--out', join(disk, 'r', 'page.html')]), /page\.html: no space left on the device/);
      expect(readdirSync(disk).filter((n) => !n.startsWith('more-'))).toEqual(['report']);
      const baseline = join(tmp(), 'base');
      expect(leadsim(['check', scenario, '--baseline', baseline, '--update']).code).toBe(0);
      expectRefused(
        leadsim(['check', scenario, '--baseline', baseline, '--junit', join(disk, 'j', 'junit.xml')]),
        /junit\.xml: no space left on the device/,
      );
      // room for the lock, not for the report: the writes themselves fail
      rmSync(join(disk, 'more-0'));
      expectRefused(
        leadsim(['run', scenario, '--out', out, '--quiet', '--seed', '6', '--no-replay']),
        /report: no space left on the device/,
      );
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(before);
      expect(readdirSync(disk).filter((n) => !n.startsWith('more-'))).toEqual(['report']);
    });
  });
});

describe('races: several runs at one --out', () => {
  it('each either succeeds or is refused as another run is writing; one complete report, nothing left over', async () => {
    const parent = tmp();
    const out = join(parent, 'report');
    const scenario = file(small);
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.all(
        Array.from(
          { length: 4 },
          (_, k) =>
            new Promise<{ code: number | null; stderr: string }>((done) => {
              const child = spawn(process.execPath, [leadsimBin, 'run', scenario, '--out', out, '--quiet', '--seed', String(k + 1)], {
                cwd: work,
              });
              let stderr = '';
              child.stderr.on('data', (chunk) => (stderr += String(chunk)));
              child.on('exit', (code) => done({ code, stderr }));
            }),
        ),
      );
      for (const o of outcomes) {
        if (o.code === 0) continue;
        expect(o.stderr).toMatch(/^leadsim: --out .*: another leadsim run \(pid \d+\) is writing it/);
        expect(o.code).toBe(2);
      }
      expect(outcomes.some((o) => o.code === 0)).toBe(true);
      expect(readdirSync(parent)).toEqual(['report']);
      expect(readdirSync(out)).toContain('index.html');
    }
  });
});

describe('a folder given as --out', () => {
  it('an empty 555 folder of another owner keeps its mode and owner, run after run', () => {
    const out = join(tmp(), 'prepared');
    mkdirSync(out);
    chmodSync(out, 0o555);
    if (process.getuid?.() === 0) chownSync(out, 1234, 1234);
    const { uid, gid } = statSync(out);
    for (const seed of ['1', '2']) {
      expect(leadsim(['run', file(small), '--out', out, '--quiet', '--seed', seed, '--format', 'csv']).code).toBe(0);
      const now = statSync(out);
      expect([now.mode & 0o7777, now.uid, now.gid]).toEqual([0o555, uid, gid]);
      expect(readdirSync(out)).toContain('summary.csv');
    }
    expect(readdirSync(join(out, '..'))).toEqual(['prepared']);
  });
});

describe('report files', () => {
  it("formula-like names stay text in CSV cells (a leading '), and check reads them back as written", () => {
    const cwd = tmp();
    const named = `${small}variants:\n  - { name: '=HYPERLINK("http://example.com","x")' }\n  - { name: '+1 node', architecture: { kind: stateless-lb, nodes: 3 } }\n`;
    const scenario = file(named, cwd);
    const out = join(cwd, 'report');
    expect(leadsim(['run', scenario, '--out', out, '--quiet', '--format', 'csv'], cwd).code).toBe(0);
    for (const name of ['summary.csv', 'timeseries.csv', 'failovers.csv']) {
      const cells = (parse(readFileSync(join(out, name), 'utf8')) as string[][]).flat();
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    }
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://example.com"",""x"")"`);
    expect(leadsim(['check', scenario, '--baseline', join(cwd, 'base'), '--update'], cwd).code).toBe(0);
    const current = leadsim(['check', scenario, '--baseline', join(cwd, 'base'), '--current', out, '--json'], cwd);
    expect(current.code).toBe(0);
    const { scenarios } = JSON.parse(current.stdout) as { scenarios: { comparison: { results: { group: string }[] } }[] };
    const variants = scenarios[0].comparison.results.map((r) => r.group);
    expect(new Set(variants)).toEqual(new Set(['=HYPERLINK("http://example.com","x")', '+1 node']));
  });

  it('variants "a b" and "a_b" get a replay page each, both linked', () => {
    const out = join(tmp(), 'report');
    const two = `${small}variants:\n  - { name: a b }\n  - { name: a_b }\n`;
    expect(leadsim(['run', file(two), '--out', out, '--quiet']).code).toBe(0);
    const pages = readdirSync(out).filter((n) => n.startsWith('replay-'));
    expect(pages.sort()).toEqual(['replay-a_b-2.html', 'replay-a_b.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const page of pages) expect(index).toContain(`href="${page}"`);
  });
});
