// SIGINT and SIGTERM: the CLI stops, removes its temporary files and exits 130, whatever phase
// it is in. The signal is sent once the command is surely running (its simulation takes far
// longer than the wait); nothing here asserts on how long anything took.
import { spawn } from 'node:child_process';
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

function interrupted(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill(signal), 4000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
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

  it('what an interrupt removes: every temporary path still in use', () => {
    const tmp = join(work, 'report.tmp-1');
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'summary.csv'), 'half');
    trackTemporary(tmp);
    removeTemporaries();
    expect(existsSync(tmp)).toBe(false);
  });
});
