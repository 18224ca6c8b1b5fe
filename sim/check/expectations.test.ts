// `expect:` as written: bad entries are bad input at their line; good ones pass and fail on
// the numbers of a real run.
import { describe, expect, it } from 'vitest';
import { execute } from '../execute.js';
import { parseScenarioText } from '../scenario/load.js';
import { evaluateExpectations, rowsOf, statOf } from './expectations.js';

const base = `name: expect-probe
seed: 3
duration: 2s
warmup: 500ms
trials: 3
variants:
  - { name: raft-3, architecture: { kind: raft-group, nodes: 3 } }
  - { name: lb-3, architecture: { kind: stateless-lb, nodes: 3 }, faults: [{ at: 1s, crash: 0 }] }
workload: { arrival: { kind: poisson, rate: 300/s } }
faults: [{ at: 1s, crash: leader }]
`;

const withExpect = (lines: string) => `${base}expect:\n${lines}`;

describe('expect: as bad input', () => {
  it.each([
    ['an unknown metric', '  - { metric: thruput_ops_s, min: 1 }\n', /^probe\.yaml:12: expect\.0\.metric.*did you mean 'throughput_ops_s'/],
    ['an unknown stat', '  - { metric: failed, stat: p90, max: 1 }\n', /^probe\.yaml:12: expect\.0\.stat.*one of mean, p50, p99, max, min/],
    ['no bound', '  - { metric: failed }\n', /^probe\.yaml:12: expect\.0: needs a bound/],
    ['min above max', '  - { metric: failed, min: 2, max: 1 }\n', /min must not exceed max/],
    ['an unknown key', '  - { metric: failed, max: 1, maximum: 2 }\n', /^probe\.yaml:12: expect\.0\.maximum/],
    [
      'an unknown variant',
      '  - { metric: failed, max: 1 }\n  - { variant: raft-5, metric: failed, max: 0 }\n',
      /^probe\.yaml:13: expect\.1\.variant: no variant is named 'raft-5': one of raft-3, lb-3/,
    ],
  ])('rejects %s, naming its line', (_, lines, message) => {
    expect(() => parseScenarioText(withExpect(lines), 'probe.yaml')).toThrow(message);
  });
});

describe('expect: on a run', () => {
  it('holds, misses and skips as written, per variant, naming variant, metric, stat, bound and value', async () => {
    const scenario = parseScenarioText(
      withExpect(
        [
          '  - { metric: throughput_ops_s, min: 250 }', // both variants keep serving
          '  - { metric: acked_writes_lost, max: 0 }', // applies to raft only: lb is skipped
          '  - { variant: raft-3, metric: failover_mean_ms, stat: max, max: 1 }', // a failover takes longer than 1 ms
          '  - { variant: lb-3, metric: latency_p50_ms, stat: p50, max: 1000 }',
        ].join('\n') + '\n',
      ),
      'probe.yaml',
    );
    const { results } = await execute(scenario.runs, { trials: scenario.trials, threads: 1 });
    const outcomes = evaluateExpectations(scenario.expectations, rowsOf(results), scenario.sweepKeys);
    expect(outcomes.map((o) => [o.group, o.expectation.metric, o.outcome])).toEqual([
      ['raft-3', 'throughput_ops_s', 'held'],
      ['lb-3', 'throughput_ops_s', 'held'],
      ['raft-3', 'acked_writes_lost', 'held'],
      ['lb-3', 'acked_writes_lost', 'skipped'],
      ['raft-3', 'failover_mean_ms', 'missed'],
      ['lb-3', 'latency_p50_ms', 'held'],
    ]);
    const failover = results.filter((r) => r.variant === 'raft-3').map((r) => r.summary.failover_mean_ms as number);
    expect(outcomes[4].value).toBe(Math.max(...failover));
    expect(outcomes[4].message).toMatch(/^probe\.yaml:14: variant raft-3, failover_mean_ms max = [\d.]+, bound max 1: MISSED$/);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect([statOf('p50', values), statOf('p99', values), statOf('min', values), statOf('max', values)]).toEqual([100, 198, 1, 200]);
    expect(statOf('mean', [1, 2, 6])).toBe(3);
  });
});
