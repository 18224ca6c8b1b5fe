import { describe, expect, it } from 'vitest';

import {
  comparisonRows,
  firstTrialRuns,
  mean,
  messagesPerRequest,
  numericSweepKey,
  pooledFailoverMean,
  timeExtentMs,
} from './aggregate.js';
import { syntheticInput, syntheticRun } from '../../test/fixtures/synthetic-report.js';

const raft = { name: 'raft', kind: 'raft-group', leader: true };

describe('aggregate', () => {
  it('means skip values that do not apply', () => {
    expect(mean([1, null, 3])).toBe(2);
    expect(mean([null])).toBeNull();
  });

  it('pools failover means by failover count', () => {
    const a = syntheticRun('s', raft, 3, 0);
    const b = syntheticRun('s', raft, 3, 1);
    a.summary.failovers = 3;
    a.summary.failover_mean_ms = 100;
    b.summary.failovers = 1;
    b.summary.failover_mean_ms = 500;
    expect(pooledFailoverMean([a, b])).toBe(200);
  });

  it('divides total messages by total completed requests', () => {
    const a = syntheticRun('s', raft, 3, 0);
    const b = syntheticRun('s', raft, 3, 1);
    Object.assign(a.summary, { messages: 100, completed: 10 });
    Object.assign(b.summary, { messages: 500, completed: 10 });
    expect(messagesPerRequest([a, b])).toBe(30);
  });

  it('has one comparison row per variant, or per variant and sweep point', () => {
    expect(comparisonRows(syntheticInput({ trials: 3 }).results, []).map((r) => [r.variant, r.trials])).toEqual([
      ['raft', 3],
      ['stateless', 3],
    ]);
    const swept = syntheticInput({ nodes: [3, 5] });
    expect(comparisonRows(swept.results, swept.sweepKeys)).toHaveLength(4);
  });

  it('finds a numeric sweep key with at least two values', () => {
    const swept = syntheticInput({ nodes: [3, 5] });
    expect(numericSweepKey(swept.results, swept.sweepKeys)).toBe('architecture.nodes');
    expect(numericSweepKey(swept.results, ['policy'])).toBeNull();
    expect(numericSweepKey(syntheticInput().results, [])).toBeNull();
  });

  it('picks each variant’s lowest trial at its first sweep point', () => {
    const swept = syntheticInput({ nodes: [3, 5], trials: 2 });
    swept.results.reverse();
    const runs = firstTrialRuns(swept.results, swept.sweepKeys);
    expect(runs.map((r) => [r.variant, r.nodes, r.trial])).toEqual([
      ['stateless', 5, 0],
      ['raft', 5, 0],
    ]);
  });

  it('ends the time axis one bucket after the last bucket start', () => {
    expect(timeExtentMs([syntheticRun('s', raft, 3, 0, { buckets: 50, bucketMs: 200 })])).toBe(10_000);
  });
});
