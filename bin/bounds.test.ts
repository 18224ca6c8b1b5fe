// Validation is bounded like the runs it guards: files that would expand past memory (aliases
// reused many times, thousands of scripted faults in thousands of sweep points) are refused
// from what the parsed file says, before anything is expanded or built.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runLeadsim, scratchDir, writeScenario } from '../test/cli.js';

const base = `name: big
duration: 10s
architecture: { kind: raft-group, nodes: 5 }
`;
const faults = (count: number) => Array.from({ length: count }, (_, i) => `  - { at: ${i + 1}ms, crash: 1, recoverAfter: 1ms }`).join('\n');

function expectRefused(text: string, message: RegExp): void {
  const r = runLeadsim(['validate', writeScenario(text, 'bounds')], { timeout: 60_000 });
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('validation bounds, checked before expanding', () => {
  it('one long fault list reused by alias in 99 variants', () => {
    const variants = Array.from({ length: 99 }, (_, i) => `  - { name: v${i}, faults: *many }`).join('\n');
    expectRefused(
      `${base}faults: &many\n${faults(20_000)}\nvariants:\n${variants}\n`,
      /its aliases \(\*name\) expand it to [\d,]+ values; at most 2,000,000/,
    );
  });

  it('thousands of scripted faults in hundreds of sweep points', () => {
    const points = Array.from({ length: 500 }, (_, i) => i + 1).join(', ');
    expectRefused(
      `${base}faults:\n${faults(20_000)}\nsweep: { workload.arrival.rate: [${points}] }\n`,
      /faults.*makes 1\.0e7 scripted faults over all runs .*at most 1\.0e6/,
    );
  });
});

describe('sweep --shard K/N', () => {
  it('N above the task count is refused before running (merge would fail on it)', () => {
    const out = join(scratchDir('bounds'), 'shards');
    const file = writeScenario(base.replace('duration: 10s', 'duration: 1s\nwarmup: 100ms'), 'bounds');
    const r = runLeadsim(['sweep', file, '--shard', '0/200000000', '--out', out]);
    expect(r.stderr).toMatch(/^leadsim: --shard 0\/200000000: .* has 1 task\(s\) \(run × trial\), so N may be at most 1/);
    expect(r.code).toBe(2);
  });
});
