// "1000 servers, one group, mostly reads?" (scenarios/thousand-servers-mostly-reads.yaml): under a
// read-heavy load that a 1000-voter group's leader cannot take, 5 voters + 995 learners with
// follower reads serve at least 20× its read goodput, read-index and lease without a stale read.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import { loadScenarioFile } from '../scenario/load-file.js';

const file = join(import.meta.dirname, '..', '..', 'scenarios', 'thousand-servers-mostly-reads.yaml');

describe('1000 servers, one group, mostly reads', () => {
  it('5 voters + 995 learners serve >= 20× the read goodput of 1000 voters; read-index and lease stay linearizable', () => {
    const { runs } = loadScenarioFile(file, { duration: '2500ms' });
    const goodput = new Map<string, number>();
    for (const run of runs.filter(
      (r) => r.variant === '1000-voters' || (r.variant.startsWith('learners-') && !r.variant.endsWith('-relays')),
    )) {
      const s = runOnce(run, 0).result.summary;
      expect(s.acked_writes_lost).toBe(0);
      if (!run.variant.startsWith('learners-stale')) expect(s.stale_reads, run.variant).toBe(0);
      // reads are 98% of the ops; what completed of them per second of the measured window
      goodput.set(run.variant, (s.throughput_ops_s as number) * (1 - run.scenario.workload.writes));
    }
    const voters = goodput.get('1000-voters') as number;
    console.info(`read goodput (ops/s): ${[...goodput].map(([v, g]) => `${v} ${g.toFixed(0)}`).join(', ')}`);
    expect(voters).toBeGreaterThan(50); // the big group does serve something
    for (const rule of ['read-index', 'lease', 'stale']) expect(goodput.get(`learners-${rule}`) as number).toBeGreaterThan(20 * voters);
  }, 300_000);
});
