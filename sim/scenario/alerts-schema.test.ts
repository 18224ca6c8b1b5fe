// Bad alert rules are bad input at their own line, saying what would be valid.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenarioText } from './load.js';

const FILE = 'scenarios/x.yaml';
const lines = (...rows: string[]) => rows.join('\n') + '\n';

function messageOf(text: string): string {
  try {
    parseScenarioText(text, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

const withRule = (rule: string, arch = 'raft-group') => lines(`architecture: { kind: ${arch}, nodes: 3 }`, 'alerts:', `  - ${rule}`);

describe('alerts: schema', () => {
  it('a rule gets its defaults and its parsed condition', () => {
    const loaded = parseScenarioText(withRule('{ name: slow, when: "latency_p99_ms > 200", for: 2s }'), FILE);
    expect(loaded.runs[0].scenario.alerts).toEqual([
      {
        name: 'slow',
        when: 'latency_p99_ms > 200',
        condition: { metric: 'latency_p99_ms', op: '>', value: 200 },
        for: 2_000_000,
        interval: 100_000,
        window: 1_000_000,
      },
    ]);
  });

  it.each([
    [
      'latency_p99 > 200',
      "'latency_p99' is not a metric alerts can watch: one of leader, error_rate, latency_p50_ms, latency_p99_ms, throughput_ops_s",
    ],
    [
      'toString > 1',
      "'toString' is not a metric alerts can watch: one of leader, error_rate, latency_p50_ms, latency_p99_ms, throughput_ops_s",
    ],
    ['error_rate > lots', 'error_rate must be compared with a number, e.g. "error_rate > 0.5" (got \'lots\')'],
    ['leader > 2', 'leader can only be compared with none: "leader == none" or "leader != none" (got \'leader > 2\')'],
    ['error_rate', 'must be a condition such as "leader == none", "error_rate > 0.01" or "latency_p99_ms > 200" (got \'error_rate\')'],
  ])('a bad expression %s names the line and what is valid', (when, message) => {
    expect(messageOf(withRule(`{ name: a, when: "${when}" }`))).toBe(`scenarios/x.yaml:3: alerts.0.when: ${message}`);
  });

  it('leader rules need a leader; names are unique; durations take units', () => {
    expect(messageOf(withRule('{ name: a, when: "leader == none" }', 'stateless-lb'))).toBe(
      'scenarios/x.yaml:3: alerts.0.when: a stateless-lb has no leader to watch: use error_rate, latency_p99_ms or throughput_ops_s',
    );
    expect(
      messageOf(
        lines(
          'architecture: { kind: raft-group, nodes: 3 }',
          'alerts:',
          '  - { name: a, when: "error_rate > 0" }',
          '  - { name: a, when: "error_rate > 1" }',
        ),
      ),
    ).toBe("scenarios/x.yaml:4: alerts.1.name: 'a' names another alert already: each alert needs its own name");
    expect(messageOf(withRule('{ name: a, when: "error_rate > 0", for: soon }'))).toMatch(/^scenarios\/x\.yaml:3: alerts\.0\.for: /);
  });
});
