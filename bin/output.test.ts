// Standard output, whatever it is connected to: a slow pipe gets every byte, a reader that
// closes early is not an error, and a full disk or device is exit 2 with one line (never a
// quietly cut file and exit 0). The built binary, through a real shell pipe.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leadsimBin, runLeadsim, scratchDir } from '../test/cli.js';
import { withTinyDisk } from '../test/tiny-disk.js';

const work = scratchDir('output');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let calls = 0;

/**
 * `leadsim ARGS | READER` in sh: the reader's output, leadsim's exit code and stderr. The slow
 * reader waits until leadsim has exited (or 3 s, as leadsim waits for its reader): what it reads
 * then is what leadsim really delivered, however loaded the machine.
 */
function piped(args: string[], reader: 'slow' | 'head -c 10'): { out: string; code: number; stderr: string } {
  const [code, stderr] = [join(work, `code-${calls}`), join(work, `stderr-${calls++}`)];
  const slow = `(i=0; while [ ! -e "${code}" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done; cat)`;
  const script = `(node "$0" "$@" 2>"${stderr}"; echo $? >"${code}.new"; mv "${code}.new" "${code}") | ${reader === 'slow' ? slow : reader}`;
  const r = spawnSync('sh', ['-c', script, leadsimBin, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { out: r.stdout, code: Number(readFileSync(code, 'utf8')), stderr: readFileSync(stderr, 'utf8') };
}

const manyTrials = `name: tiny
seed: 5
duration: 300ms
warmup: 100ms
trials: 100
architecture: { kind: stateless-lb, nodes: 2 }
workload: { arrival: { kind: poisson, rate: 200/s } }
`;

describe('standard output', () => {
  const schema = runLeadsim(['schema']).stdout;

  it('a reader slower than leadsim still gets all of it (the schema is over 64 KiB)', () => {
    expect(schema.length).toBeGreaterThan(100_000);
    const r = piped(['schema'], 'slow');
    expect(r.out).toBe(schema);
    expect(r.code).toBe(0);
  });

  it('a long --json summary to a slow reader is whole JSON', () => {
    const scenario = join(work, 'many-trials.yaml');
    writeFileSync(scenario, manyTrials);
    const r = piped(['run', scenario, '--json', '--no-replay', '--out', join(work, 'report')], 'slow');
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(64 * 1024);
    expect(() => JSON.parse(r.out) as unknown).not.toThrow();
  });

  it('a reader that stops early is not an error', () => {
    const r = piped(['schema'], 'head -c 10');
    expect(r.out).toBe(schema.slice(0, 10));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a device with no space left: exit 2 and one line', () => {
    const r = spawnSync('sh', ['-c', 'node "$0" schema >/dev/full', leadsimBin], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('leadsim: standard output: no space left on the device; the output is incomplete\n');
  });

  it('a disk that fills up midway: exit 2 and one line, not a cut file and exit 0', (context) => {
    withTinyDisk(context, 64 * 1024, (disk) => {
      const target = join(disk, 'schema.json');
      const r = spawnSync('sh', ['-c', 'node "$0" schema >"$1"', leadsimBin, target], { encoding: 'utf8' });
      expect(r.stderr).toBe('leadsim: standard output: no space left on the device; the output is incomplete\n');
      expect(r.status).toBe(2);
    });
  });
});
