// network.zones, between and preset: what a file may write, what it gets, and the messages.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenarioText } from './load.js';

const FILE = 'scenarios/x.yaml';
const withNetwork = (network: string, nodes = 5, fault = '') =>
  `architecture: { kind: raft-group, nodes: ${nodes} }\nnetwork: ${network}\n${fault ? `faults: [${fault}]\n` : ''}`;
const networkOf = (text: string) => parseScenarioText(text, FILE).runs[0].scenario.network;

function messageOf(text: string): string {
  try {
    parseScenarioText(text, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

describe('network zones', () => {
  it('a count places nodes round-robin; one `between` serves every pair', () => {
    const n = networkOf(withNetwork('{ zones: 2, between: { dist: constant, value: 3ms } }', 5));
    expect(n.zones?.names).toEqual(['a', 'b']);
    expect(n.zones?.of).toEqual([0, 1, 0, 1, 0]);
    expect(n.zones?.between[1]).toEqual({ dist: 'constant', value: 3000 });
  });

  it('a preset fills delay, zones and pair delays; keys the file sets win', () => {
    const n = networkOf(withNetwork('{ preset: three-region, delay: { dist: constant, value: 1ms } }'));
    expect(n.delay).toEqual({ dist: 'constant', value: 1000 });
    expect(n.zones?.of).toEqual([0, 1, 2, 0, 1]);
    expect(n.zones?.between[0 * 3 + 2]).toEqual({ dist: 'lognormal', median: 40_000, p99: 46_000 });
    expect(networkOf(withNetwork('{ preset: single-dc }')).zones).toBeUndefined();
  });

  it('bad zones, pairs and zone targets name the key and what is valid', () => {
    expect(messageOf(withNetwork('{ zones: { a: [0, 1], b: [1, 2, 3] } }', 4))).toBe(
      'scenarios/x.yaml:2: network.zones.b.0: node 1 is in zone a already: a node sits in one zone',
    );
    expect(messageOf(withNetwork('{ zones: { a: [0], b: [1] } }', 3))).toBe(
      'scenarios/x.yaml:2: network.zones: every node needs a zone: node 2 in none',
    );
    expect(messageOf(withNetwork('{ zones: 3, between: { a-b: { dist: constant, value: 1ms } } }'))).toBe(
      'scenarios/x.yaml:2: network.between: has no delay for the pair a-c: give one for every pair of zones',
    );
    expect(messageOf(withNetwork('{ between: { dist: constant, value: 1ms } }'))).toBe(
      'scenarios/x.yaml:2: network.between: needs network.zones: the delay between zones applies once nodes are placed in zones',
    );
    expect(messageOf(withNetwork('{ zones: 2 }', 5, '{ at: 1s, crash: "zone:c" }'))).toBe(
      'scenarios/x.yaml:3: faults.0.crash: zone c does not exist: the zones are a, b',
    );
    expect(messageOf(withNetwork('{ preset: two-dc }'))).toMatch(
      /^scenarios\/x\.yaml:2: network\.preset: must be one of single-dc, three-az, three-region/,
    );
  });
});
