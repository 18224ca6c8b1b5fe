// The multi-paxos keys: majorities by default, any Flexible Paxos quorums that intersect, and a
// one-line refusal of quorums that do not intersect or cannot be met.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario/load.js';

const FILE = 'scenarios/x.yaml';
const paxos = (...rows: string[]) => ['architecture:', '  kind: multi-paxos', '  nodes: 10', ...rows].join('\n') + '\n';

const architectureOf = (text: string) => parseScenarioText(text, FILE).runs[0].scenario.architecture;

describe('multi-paxos keys', () => {
  it('default to majority quorums and raft-group batching', () => {
    expect(architectureOf(paxos('  quorums: { phase1: 8 }'))).toEqual({
      kind: 'multi-paxos',
      nodes: 10,
      quorums: { phase1: 8, phase2: 6 },
      electionTimeout: [150_000, 300_000],
      heartbeat: 50_000,
      maxBatch: 64,
      pipeline: 4,
      maxPending: 64,
    });
    expect(architectureOf(paxos())).toMatchObject({ quorums: { phase1: 6, phase2: 6 } });
    expect(architectureOf(paxos('  quorums: { phase1: 8, phase2: 3 }'))).toMatchObject({ quorums: { phase1: 8, phase2: 3 } });
  });

  it('refuse quorums that do not intersect, or cannot be met, in one line', () => {
    expect(() => parseScenarioText(paxos('  quorums: { phase1: 7, phase2: 3 }'), FILE)).toThrow(
      "scenarios/x.yaml:4: architecture.quorums: phase1 + phase2 must exceed nodes (10), or a new leader's phase-1 quorum can miss a chosen value (got phase1 7 + phase2 3 = 10)",
    );
    expect(() => parseScenarioText(paxos('  quorums: { phase1: 11, phase2: 3 }'), FILE)).toThrow(
      'scenarios/x.yaml:4: architecture.quorums: phase1 must be from 1 to nodes (10): a quorum of 11 nodes cannot be met (got 11)',
    );
    expect(() => parseScenarioText(paxos('  quorums: { phase1: 0 }'), FILE)).toThrow(
      /^scenarios\/x\.yaml:4: architecture\.quorums\.phase1: /,
    );
    expect(() => parseScenarioText(paxos('  quorums: { phase3: 2 }'), FILE)).toThrow(
      /^scenarios\/x\.yaml:4: architecture\.quorums\.phase3: /,
    );
  });
});
