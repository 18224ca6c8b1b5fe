// One-way cuts in a scenario file: sides as ids, leader or others, and the messages for bad ones.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenarioText } from './load.js';

const FILE = 'scenarios/x.yaml';
const load = (arch: string, fault: string) => parseScenarioText(`architecture: ${arch}\nfaults: [${fault}]\n`, FILE).runs[0].scenario;

function messageOf(arch: string, fault: string): string {
  try {
    load(arch, fault);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

const RAFT5 = '{ kind: raft-group, nodes: 5 }';

describe('cut faults', () => {
  it('a side is a member or a list of them', () => {
    expect(load(RAFT5, '{ at: 1s, cut: { from: others, to: [leader] }, healAfter: 2s }').faults).toEqual([
      { type: 'cut', at: 1_000_000, from: ['others'], to: ['leader'], healAfter: 2_000_000 },
    ]);
    expect(load(RAFT5, '{ at: 1s, cut: { from: [0], to: [1, 2, 3, 4] } }').faults[0]).toMatchObject({ from: [0], to: [1, 2, 3, 4] });
  });

  it('bad sides name the key and what is valid', () => {
    expect(messageOf(RAFT5, '{ at: 1s, cut: { from: [0], to: [9] } }')).toBe(
      'scenarios/x.yaml:2: faults.0.cut.to.0: node 9 does not exist: node ids are 0..4 (architecture.nodes is 5)',
    );
    expect(messageOf('{ kind: stateless-lb, nodes: 3 }', '{ at: 1s, cut: { from: leader, to: [1] } }')).toBe(
      'scenarios/x.yaml:2: faults.0.cut.from.0: a stateless-lb has no leader: name node ids instead',
    );
    expect(messageOf(RAFT5, '{ at: 1s, cut: { from: [0] } }')).toMatch(/^scenarios\/x\.yaml:2: faults\.0\.cut\.to: is required/);
  });
});
