// Golden files: small deterministic scenarios whose whole summary, failovers and timeline are
// pinned in testdata/. Any change to what the engine or a protocol does shows up here as a
// readable diff. After an intended change, rewrite them with `UPDATE_GOLDEN=1 npx vitest run
// sim/engine/golden.test.ts` and review the diff like code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILOVER_COLUMNS, type RunResult } from '../metrics/run-result.js';
import { toCsv } from '../report/csv.js';
import { summaryCsv } from '../report/write-reports.js';
import { LAN, lb, load, makeRun, raft } from '../../test/fixtures/scenario.js';
import { runOnce } from './run.js';

const dir = join(import.meta.dirname, 'testdata');

function golden(name: string, result: RunResult): void {
  const timeline = result.timeline
    .map((segments, node) => segments.map((s) => `${node} ${s.role} ${s.from_ms}-${s.to_ms}`).join('\n'))
    .join('\n');
  const text = [
    summaryCsv([result], []),
    toCsv(FAILOVER_COLUMNS, result.failovers),
    timeline,
    result.violations.map((v) => JSON.stringify(v)).join('\n'),
  ].join('\n--\n');
  const file = join(dir, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  else if (!existsSync(file)) expect.fail(`golden file ${file} is missing: record it with UPDATE_GOLDEN=1`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const workload = load({ rate: 500, writes: 0.5, keys: 100, timeout: 100_000, retries: 5, backoff: 10_000 });

describe('golden traces', () => {
  it('a stateless fleet loses a server', () => {
    const run = makeRun({
      architecture: lb(3),
      duration: 3_000_000,
      warmup: 500_000,
      network: LAN,
      workload,
      faults: [{ type: 'crash', at: 1_500_000, target: 1, recoverAfter: 1_000_000 }],
    });
    golden('lb-crash', runOnce(run, 0).result);
  });

  it('a three-node Raft group loses its leader', () => {
    const run = makeRun({
      architecture: raft(3),
      duration: 3_000_000,
      warmup: 500_000,
      network: LAN,
      workload,
      faults: [{ type: 'crash', at: 1_500_000, target: 'leader', recoverAfter: 1_000_000 }],
    });
    golden('raft-leader-crash', runOnce(run, 0).result);
  });

  it('a five-node Raft group with pre-vote and check-quorum has its leader cut off', () => {
    const run = makeRun({
      architecture: raft(5, { preVote: true, checkQuorum: true, leaseReads: true }),
      duration: 3_000_000,
      warmup: 500_000,
      network: LAN,
      workload,
      faults: [{ type: 'partition', at: 1_500_000, groups: [['leader']], healAfter: 700_000 }],
    });
    golden('raft-partition', runOnce(run, 0).result);
  });
});
