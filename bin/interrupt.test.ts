// SIGINT and SIGTERM: the CLI stops, removes its temporary files and exits 130, whatever phase
// it is in. The signal is sent once the command is surely running (its simulation takes far
// longer than the wait); nothing here asserts on how long anything took.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaries, trackTemporary } from '../sim/report/output-dir.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'dist', 'bin', 'leadsim.js');
const work = mkdtempSync(join(tmpdir(), 'leadsim-interrupt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// minutes of simulation: still running when the signal comes
const long = `name: long
duration: 600s
architecture: { kind: raft-group, nodes: 5 }
workload: { arrival: { kind: poisson, rate: 2000/s } }
`;

function interrupted(
  args: string[],
  signal: NodeJS.Signals,
  cwd = work,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill(signal), 4000);
    child.on('exit', (code, killedBy) => {
      clearTimeout(timer);
      done({ code, signal: killedBy, stderr });
    });
  });
}

describe('interrupts', () => {
  it('SIGINT during a run: exit 130, no report and no temporary folder', async () => {
    const file = join(work, 'long.yaml');
    writeFileSync(file, long);
    const parent = join(work, 'run');
    const r = await interrupted(['run', file, '--out', join(parent, 'report'), '--quiet'], 'SIGINT');
    expect(r.stderr).toMatch(/^\nleadsim: interrupted \(SIGINT\); temporary files removed/);
    expect(r.code).toBe(130);
    // the folder made for the report goes too, as it is left empty
    expect(existsSync(parent)).toBe(false);
  });

  it('SIGTERM during a sweep shard: exit 130, no shard file', async () => {
    const file = join(work, 'long.yaml');
    writeFileSync(file, long);
    const shards = join(work, 'shards');
    const r = await interrupted(['sweep', file, '--shard', '0/1', '--out', shards, '--quiet'], 'SIGTERM');
    expect(r.code).toBe(130);
    expect(existsSync(shards) ? readdirSync(shards) : []).toEqual([]);
  });

  it('SIGINT during check --update: exit 130, no baseline and no folder made for it', async () => {
    const file = join(work, 'long.yaml');
    writeFileSync(file, long);
    const parent = join(work, 'check');
    const r = await interrupted(['check', file, '--baseline', join(parent, 'base'), '--update'], 'SIGINT');
    expect(r.stderr).toMatch(/\nleadsim: interrupted \(SIGINT\); temporary files removed/);
    expect(r.code).toBe(130);
    expect(existsSync(parent)).toBe(false);
  });

  it('SIGTERM during check with --junit and --markdown: exit 130, neither file written', async () => {
    const file = join(work, 'long.yaml');
    writeFileSync(file, long);
    const base = join(work, 'check-base');
    const short = join(work, 'short.yaml'); // the same name, a second long: its baseline
    writeFileSync(short, long.replace('600s', '2s'));
    expect(spawnSync(process.execPath, [bin, 'check', short, '--baseline', base, '--update']).status).toBe(0);
    const parent = join(work, 'check-files');
    const args = ['check', file, '--baseline', base, '--junit', join(parent, 'j.xml'), '--markdown', join(parent, 'm.md')];
    const r = await interrupted(args, 'SIGTERM');
    expect(r.code).toBe(130);
    expect(existsSync(parent)).toBe(false);
  });

  it('SIGINT while replay traces: it ends at once and leaves nothing, not even the folder for the page', async () => {
    const file = join(work, 'long.yaml');
    writeFileSync(file, long);
    const cwd = join(work, 'replay');
    mkdirSync(cwd);
    const r = await interrupted(['replay', file], 'SIGINT', cwd);
    expect([r.code, r.signal]).toEqual([null, 'SIGINT']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('what an interrupt removes: every temporary path still in use', () => {
    const tmp = join(work, 'report.tmp-1');
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'summary.csv'), 'half');
    trackTemporary(tmp);
    removeTemporaries();
    expect(existsSync(tmp)).toBe(false);
  });
});
