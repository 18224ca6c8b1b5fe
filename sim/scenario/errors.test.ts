// Every kind of bad input a user can write, and the exact message they get: file, line, key,
// what is wrong and what would be valid.
import { describe, expect, it } from 'vitest';
import { KINDS } from '../architectures/registry.js';
import { ScenarioError, suggest, unknownKeyMessage } from './errors.js';
import { parseScenarioText, type Overrides } from './load.js';

const FILE = 'scenarios/x.yaml';

function errorOf(text: string, overrides: Overrides = {}): ScenarioError {
  try {
    parseScenarioText(text, FILE, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

const lines = (...rows: string[]) => rows.join('\n') + '\n';
const RAFT5 = 'architecture: { kind: raft-group, nodes: 5 }';

describe('scenario errors name the file, the line and the key', () => {
  it('malformed YAML: the line from the parser', () => {
    const error = errorOf(lines('name: x', 'architecture:', '  kind: raft-group', ' nodes: 5', '  heartbeat: 50ms'));
    expect([error.line, error.key]).toEqual([4, '']);
    expect(error.message).toBe('scenarios/x.yaml:4: malformed YAML: All mapping items must start at the same column');
    expect(errorOf(lines(RAFT5, 'faults:', '\t- { at: 1s, crash: 2 }')).message).toBe(
      'scenarios/x.yaml:3: malformed YAML: Tabs are not allowed as indentation',
    );
  });

  it('a duplicate key is named, with the line of its first appearance', () => {
    expect(errorOf(lines(RAFT5, 'seed: 1', 'seed: 2')).message).toBe(
      "scenarios/x.yaml:3: seed: duplicate key 'seed' (first at line 2): a key may appear once in a mapping",
    );
    expect(errorOf(lines(RAFT5, 'faults:', '  - { at: 1s, crash: 1, at: 2s }')).message).toBe(
      "scenarios/x.yaml:3: faults.0.at: duplicate key 'at' (first at line 3): a key may appear once in a mapping",
    );
  });

  it('unknown key: suggests the closest valid key, at the line of the typo', () => {
    const error = errorOf(lines('seed: 3', 'architecture:', '  kind: raft-group', '  nodes: 5', '  electionTimout: [150ms, 300ms]'));
    expect(error.message).toBe(
      "scenarios/x.yaml:5: architecture.electionTimout: unknown key 'electionTimout' — did you mean 'electionTimeout'?",
    );
    expect([error.file, error.line, error.column, error.key]).toEqual([FILE, 5, 3, 'architecture.electionTimout']);
  });

  it('unknown key with no close match: lists the valid keys', () => {
    expect(errorOf(lines(RAFT5, 'colour: blue')).message).toBe(
      "scenarios/x.yaml:2: colour: unknown key 'colour': valid keys here are name, description, seed, duration, warmup, bucket, trials, architecture, network, cpu, disk, workload, faults, clocks, alerts, sweep, variants, expect",
    );
  });

  it('an unknown key is reported before the required key it was meant to be', () => {
    expect(errorOf(lines('architecture:', '  kind: raft-group', '  nodez: 5')).message).toBe(
      "scenarios/x.yaml:3: architecture.nodez: unknown key 'nodez' — did you mean 'nodes'?",
    );
  });

  it('unknown kind: lists the kinds and suggests one', () => {
    expect(errorOf(lines('architecture:', '  kind: raft', '  nodes: 5')).message).toBe(
      `scenarios/x.yaml:2: architecture.kind: must be one of ${KINDS.map((d) => d.kind).join(', ')} (got 'raft') — did you mean 'raft-group'?`,
    );
  });

  it('wrong unit', () => {
    expect(errorOf(lines(RAFT5, 'duration: 5 sec')).message).toBe(
      "scenarios/x.yaml:2: duration: '5 sec' is not a duration: use a number with us, ms, s, m or h, e.g. 150ms",
    );
    expect(errorOf(lines(RAFT5, 'workload:', '  arrival: { kind: poisson, rate: 5000 per s }')).message).toBe(
      "scenarios/x.yaml:3: workload.arrival.rate: '5000 per s' is not a rate: use a number per second, e.g. 5000/s",
    );
  });

  it('zero or negative where it makes no sense', () => {
    expect(errorOf(lines(RAFT5, 'workload:', '  timeout: 0ms')).message).toBe(
      "scenarios/x.yaml:3: workload.timeout: must be a duration greater than 0, e.g. 150ms (got '0ms')",
    );
    expect(errorOf(lines(RAFT5, 'cpu:', '  perMessage: -1us')).message).toBe(
      "scenarios/x.yaml:3: cpu.perMessage: must be a duration of 0 or more, e.g. 150ms (got '-1us')",
    );
    expect(errorOf(lines(RAFT5, 'workload:', '  arrival: { kind: poisson, rate: 0/s }')).message).toBe(
      "scenarios/x.yaml:3: workload.arrival.rate: must be a rate greater than 0, e.g. 5000/s (got '0/s')",
    );
  });

  it.each([0, 1001, 2.5])('nodes %s: states the limit', (nodes) => {
    const error = errorOf(lines('architecture:', '  kind: raft-group', `  nodes: ${nodes}`));
    expect(error.message).toBe(`scenarios/x.yaml:3: architecture.nodes: must be an integer from 1 to 1000 (got ${nodes})`);
  });

  it('a missing required key is reported at its parent', () => {
    expect(errorOf(lines('seed: 1', 'architecture:', '  kind: raft-group')).message).toBe(
      'scenarios/x.yaml:2: architecture.nodes: is required: an integer from 1 to 1000',
    );
  });

  it('a fault naming node 7 in a 5-node cluster', () => {
    expect(errorOf(lines(RAFT5, 'faults:', '  - { at: 1s, crash: 2 }', '  - { at: 2s, crash: 7 }')).message).toBe(
      'scenarios/x.yaml:4: faults.1.crash: node 7 does not exist: node ids are 0..4 (architecture.nodes is 5)',
    );
  });

  it('a fault with a misspelt key is matched to the fault it was meant to be', () => {
    expect(errorOf(lines(RAFT5, 'faults:', '  - at: 1s', '    slow: 1', '    factr: 2')).message).toBe(
      "scenarios/x.yaml:5: faults.0.factr: unknown key 'factr' — did you mean 'factor'?",
    );
    expect(errorOf(lines(RAFT5, 'faults:', '  - crash')).message).toBe(
      "scenarios/x.yaml:3: faults.0: must be a fault such as { at: 10s, crash: leader }, with one of crash, partition, cut, slow, clockJump or random (got 'crash')",
    );
  });

  it('crash targets that cannot exist', () => {
    expect(errorOf(lines('architecture: { kind: stateless-lb, nodes: 3 }', 'faults: [{ at: 1s, crash: leader }]')).message).toBe(
      'scenarios/x.yaml:2: faults.0.crash: a stateless-lb has no leader: crash a node id or random instead (a variant can have faults of its own)',
    );
    expect(
      errorOf(lines('architecture: { kind: sharded-raft, nodes: 5, shards: 4 }', 'faults:', '  - { at: 1s, crash: "shard:4/leader" }'))
        .message,
    ).toBe('scenarios/x.yaml:3: faults.0.crash: shard 4 does not exist: shards are 0..3 (architecture.shards is 4)');
    expect(errorOf(lines(RAFT5, 'faults: [{ at: 1s, crash: first }]')).message).toBe(
      "scenarios/x.yaml:2: faults.0.crash: must be a node id, leader, random, shard:K/leader or zone:NAME (got 'first')",
    );
  });

  it('a partition that puts a node on both sides, or names it twice in one group', () => {
    expect(errorOf(lines(RAFT5, 'faults:', '  - at: 1s', '    partition: [[0, 1], [1, 2]]')).message).toBe(
      'scenarios/x.yaml:4: faults.0.partition.1.0: node 1 is in more than one group (groups 0 and 1)',
    );
    expect(errorOf(lines(RAFT5, 'faults: [{ at: 1s, partition: [[0, 0]] }]')).message).toBe(
      'scenarios/x.yaml:2: faults.0.partition.0.1: node 0 is listed twice in group 0: name each node once',
    );
  });

  it('a fault after the end of the run', () => {
    expect(errorOf(lines(RAFT5, 'duration: 10s', 'faults: [{ at: 10s, crash: leader }]')).message).toBe(
      'scenarios/x.yaml:3: faults.0.at: is not before the end of the run (duration 10s), so the fault would never happen (got 10s)',
    );
  });

  it('W > replicas is an impossible quorum', () => {
    expect(errorOf(lines('architecture:', '  kind: leaderless-quorum', '  nodes: 5', '  replicas: 3', '  writeQuorum: 4')).message).toBe(
      'scenarios/x.yaml:5: architecture.writeQuorum: an impossible quorum: 4 acks from 3 replicas; must be from 1 to replicas (3)',
    );
  });

  it('replicas > nodes', () => {
    expect(errorOf(lines('architecture: { kind: leaderless-quorum, nodes: 2, replicas: 3 }')).message).toBe(
      "scenarios/x.yaml:1: architecture.replicas: must be at most nodes (2): each key's replicas are distinct nodes (got 3)",
    );
  });

  it('learners leaving no voter, relays without members, an unknown read rule', () => {
    expect(errorOf(lines('architecture:', '  kind: raft-group', '  nodes: 5', '  learners: 5')).message).toBe(
      'scenarios/x.yaml:4: architecture.learners: must be fewer than the 5 members of a group: a group needs at least one voter (got 5)',
    );
    expect(errorOf(lines('architecture: { kind: raft-group, nodes: 3, relays: 3 }')).message).toBe(
      'scenarios/x.yaml:1: architecture.relays: must be at most the 2 other members of a group: each relay group needs a member (got 3)',
    );
    expect(errorOf(lines('architecture: { kind: raft-group, nodes: 5, voters: 6 }')).message).toBe(
      'scenarios/x.yaml:1: architecture.voters: must be at most the 5 members of a group (got 6)',
    );
    expect(errorOf(lines('architecture: { kind: raft-group, nodes: 9, voters: 5, learners: 3 }')).message).toBe(
      'scenarios/x.yaml:1: architecture.voters: give voters or learners, not both: 5 voters of 9 members leave 4 learners, not 3',
    );
    // voters: V is learners: members − V, at every point of a sweep over nodes, and per shard
    const learnersOf = (text: string) =>
      parseScenarioText(text, FILE, {}).runs.map((r) => (r.scenario.architecture as { learners?: number }).learners);
    expect(
      learnersOf(lines('architecture: { kind: raft-group, nodes: 9, voters: 5 }', 'sweep: { architecture.nodes: [5, 30, 1000] }')),
    ).toEqual([0, 25, 995]);
    expect(learnersOf(lines('architecture: { kind: sharded-raft, nodes: 9, replication: 5, voters: 3 }'))).toEqual([2]);
    expect(learnersOf(lines('architecture: { kind: raft-group, nodes: 9, voters: 5, learners: 4 }'))).toEqual([4]);
    expect(learnersOf(lines(RAFT5))).toEqual([undefined]);
    expect(errorOf(lines('architecture: { kind: sharded-raft, nodes: 9, replication: 3, relays: 1 }')).message).toBe(
      'scenarios/x.yaml:1: architecture.relays: relays are built for raft-group only: a sharded-raft group of 3 has few followers to relay to (got 1)',
    );
    expect(errorOf(lines('architecture: { kind: raft-group, nodes: 5, followerReads: lazy }')).message).toMatch(
      /^scenarios\/x\.yaml:1: architecture\.followerReads: .*read-index.*lease.*stale/,
    );
  });

  it('electionTimeout reversed, and a heartbeat as slow as an election', () => {
    expect(errorOf(lines('architecture:', '  kind: raft-group', '  nodes: 5', '  electionTimeout: [300ms, 150ms]')).message).toBe(
      'scenarios/x.yaml:4: architecture.electionTimeout: must be [min, max] with min <= max (got [300ms, 150ms])',
    );
    expect(errorOf(lines('architecture:', '  kind: raft-group', '  nodes: 5', '  heartbeat: 150ms')).message).toBe(
      'scenarios/x.yaml:4: architecture.heartbeat: must be shorter than the minimum election timeout (150ms), or followers call elections while the leader is alive (got 150ms)',
    );
  });

  it('warmup not shorter than duration', () => {
    expect(errorOf(lines(RAFT5, 'duration: 2s', 'warmup: 2s')).message).toBe(
      'scenarios/x.yaml:3: warmup: must be shorter than duration (2s): the warmup is left out of the summary (got 2s)',
    );
  });

  it('probabilities and distributions', () => {
    expect(errorOf(lines(RAFT5, 'network: { loss: 1.5 }')).message).toBe(
      'scenarios/x.yaml:2: network.loss: must be a probability from 0 to 1 (got 1.5)',
    );
    expect(errorOf(lines(RAFT5, 'network:', '  delay: { dist: lognormal, median: 2ms, p99: 1ms }')).message).toBe(
      'scenarios/x.yaml:3: network.delay.p99: must be at least the median (2ms) (got 1ms)',
    );
  });

  it('description must be a string', () => {
    expect(errorOf(lines(RAFT5, 'description: [a, b]')).message).toBe(
      'scenarios/x.yaml:2: description: must be a string: one paragraph saying what question the scenario answers',
    );
  });

  it('an empty file and a file that is not a mapping', () => {
    expect(errorOf('').message).toBe(
      'scenarios/x.yaml:1: the file is empty: a scenario needs at least an architecture, e.g. architecture: { kind: raft-group, nodes: 5 }',
    );
    expect(errorOf(lines('- a', '- b')).message).toBe(
      'scenarios/x.yaml:1: the file must be a mapping of scenario keys (name, architecture, workload, ...), not a list',
    );
  });

  it('JSON files get lines too', () => {
    expect(errorOf('{\n  "architecture": { "kind": "raft-group", "nodes": 5 },\n  "seeed": 3\n}').message).toBe(
      "scenarios/x.yaml:3: seeed: unknown key 'seeed' — did you mean 'seed'?",
    );
  });
});

describe('errors in expanded runs name the variant and the sweep point', () => {
  it('a sweep value out of range: the line of the sweep, with the key and value', () => {
    const error = errorOf(lines(RAFT5, 'sweep:', '  architecture.nodes: [3, 5, 1001]'));
    expect(error.message).toBe(
      'scenarios/x.yaml:3: architecture.nodes: must be an integer from 1 to 1000 (got 1001) [sweep architecture.nodes=1001]',
    );
  });

  it('a fault valid at one sweep point and not at another', () => {
    expect(errorOf(lines(RAFT5, 'faults:', '  - { at: 1s, slow: 4, factor: 2 }', 'sweep:', '  architecture.nodes: [5, 3]')).message).toBe(
      'scenarios/x.yaml:3: faults.0.slow: node 4 does not exist: node ids are 0..2 (architecture.nodes is 3) [sweep architecture.nodes=3]',
    );
  });

  it("a variant's bad value: the variant's line", () => {
    const text = lines(
      RAFT5,
      'variants:',
      '  - { name: ok, architecture: { kind: raft-group, nodes: 3 } }',
      '  - name: bad',
      '    architecture: { kind: leaderless-quorum, nodes: 3, readQuorum: 4 }',
    );
    expect(errorOf(text).message).toBe(
      "scenarios/x.yaml:5: architecture.readQuorum: an impossible quorum: 4 acks from 3 replicas; must be from 1 to replicas (3) [variant 'bad']",
    );
  });

  it('duplicate variant names', () => {
    expect(errorOf(lines(RAFT5, 'variants:', '  - { name: a }', '  - { name: a }')).message).toBe(
      "scenarios/x.yaml:4: variants.1.name: duplicate variant name 'a' (variant 0 has it too): names must be unique",
    );
  });

  it('sweeps that are not lists or not sweepable', () => {
    expect(errorOf(lines(RAFT5, 'sweep:', '  architecture.nodes: 5')).message).toBe(
      'scenarios/x.yaml:3: sweep.architecture.nodes: must be a list of values, e.g. [3, 5, 7] (got 5)',
    );
    expect(errorOf(lines(RAFT5, 'sweep:', '  seed: [1, 2]')).message).toBe(
      "scenarios/x.yaml:3: sweep.seed: 'seed' cannot be swept: it has one value per file (use trials for repetitions)",
    );
  });

  it('a bad --set: no line, names the --set', () => {
    const error = errorOf(lines(RAFT5), { 'architecture.nodes': '0' });
    expect(error.line).toBeUndefined();
    expect(error.message).toBe(
      'scenarios/x.yaml: architecture.nodes: must be an integer from 1 to 1000 (got 0) (from --set architecture.nodes=0)',
    );
    expect(errorOf(lines(RAFT5), { 'sweep.trials': '[1, 2]' }).message).toBe(
      "scenarios/x.yaml: sweep.trials: 'trials' cannot be swept: it has one value per file (from --set sweep.trials=[1, 2])",
    );
    expect(errorOf(lines(RAFT5), { 'architecture.nodez': '3' }).message).toBe(
      "scenarios/x.yaml: architecture.nodez: unknown key 'nodez' — did you mean 'nodes'? (from --set architecture.nodez=3)",
    );
  });
});

describe('suggestions', () => {
  it('suggests only close words', () => {
    expect(suggest('heartbaet', ['heartbeat', 'nodes'])).toBe('heartbeat');
    expect(suggest('colour', ['heartbeat', 'nodes'])).toBeUndefined();
    expect(unknownKeyMessage('x', ['a', 'bb'])).toBe("unknown key 'x' — did you mean 'a'?");
    expect(unknownKeyMessage('zzzz', ['abc', 'def'])).toBe("unknown key 'zzzz': valid keys here are abc, def");
  });
});

describe('typos in variants and sweeps', () => {
  it("a typo in a variant is reported at the variant's line", () => {
    const text = lines(RAFT5, 'variants:', '  - name: a', '    architecture: { kind: raft-group, nodes: 3, hartbeat: 20ms }');
    expect(errorOf(text).message).toBe(
      "scenarios/x.yaml:4: variants.0.architecture.hartbeat: unknown key 'hartbeat' — did you mean 'heartbeat'?",
    );
    expect(errorOf(lines(RAFT5, 'variants:', '  - { name: a, seed: 3 }')).message).toBe(
      "scenarios/x.yaml:3: variants.0.seed: unknown key 'seed': valid keys here are name, architecture, network, cpu, disk, clocks, workload, faults",
    );
  });

  it('a sweep path that does not exist is reported at the sweep key', () => {
    expect(errorOf(lines(RAFT5, 'sweep:', '  architecture.nodez: [3, 5]')).message).toBe(
      "scenarios/x.yaml:3: architecture.nodez: unknown key 'nodez' — did you mean 'nodes'? [sweep architecture.nodez=3]",
    );
    expect(errorOf(lines(RAFT5, 'faults: [{ at: 1s, crash: 0 }]', 'sweep:', '  faults.1.at: [2s]')).message).toBe(
      'scenarios/x.yaml:4: sweep.faults.1.at: there is no item 1 in faults',
    );
  });
});
