// clocks.drift and clockJump faults: what a file may write and the messages for what it may not.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenarioText } from './load.js';

const FILE = 'scenarios/x.yaml';
const RAFT5 = 'architecture: { kind: raft-group, nodes: 5 }\n';
const load = (text: string) => parseScenarioText(RAFT5 + text, FILE).runs[0].scenario;

function messageOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

describe('clocks', () => {
  it('drift in ppm, percent or a bare number of ppm', () => {
    expect(load('clocks: { drift: 200ppm }').clocks).toEqual({ drift: 0.0002 });
    expect(load('clocks: { drift: 0.02% }').clocks).toEqual({ drift: 0.0002 });
    expect(load('clocks: { drift: 50 }').clocks).toEqual({ drift: 0.00005 });
    expect(load('').clocks).toBeUndefined();
    expect(messageOf('clocks: { drift: 20% }')).toBe(
      "scenarios/x.yaml:2: clocks.drift: must be a drift such as 200ppm or 0.02% (a bare number means ppm), at most 10% (got '20%')",
    );
  });

  it('a clock jump names a node or the leader and a nonzero duration of either sign', () => {
    expect(load('faults: [{ at: 1s, clockJump: leader, by: -400ms }]').faults).toEqual([
      { type: 'clockJump', at: 1_000_000, node: 'leader', by: -400_000 },
    ]);
    expect(messageOf('faults: [{ at: 1s, clockJump: 7, by: 1s }]')).toBe(
      'scenarios/x.yaml:2: faults.0.clockJump: node 7 does not exist: node ids are 0..4 (architecture.nodes is 5)',
    );
    expect(messageOf('faults: [{ at: 1s, clockJump: 2, by: 0ms }]')).toBe(
      "scenarios/x.yaml:2: faults.0.by: must be a duration other than 0, either sign, e.g. -400ms (got '0ms')",
    );
  });
});
