import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { loadScenarioFile } from './load-file.js';
import { applyOverrides, parseScenarioText } from './load.js';
import type { Scenario } from './scenario.js';
import { load } from '../../test/fixtures/scenario.js';

const lines = (...rows: string[]) => rows.join('\n') + '\n';
const only = (text: string): Scenario => {
  const loaded = parseScenarioText(text, 'scenarios/only.yaml');
  expect(loaded.runs).toHaveLength(1);
  return loaded.runs[0].scenario;
};

// The spec's example scenario, less its sweep and variants.
const SPEC_EXAMPLE = lines(
  'name: raft-leader-crash',
  'description: A five-node Raft group loses its leader at t=10s.',
  'seed: 42',
  'duration: 30s',
  'warmup: 1s',
  'bucket: 100ms',
  'trials: 1',
  'architecture: { kind: raft-group, nodes: 5, electionTimeout: [150ms, 300ms], heartbeat: 50ms }',
  'network:',
  '  delay: { dist: lognormal, median: 1ms, p99: 5ms }',
  '  loss: 0.0',
  'cpu: { service: { dist: exponential, mean: 100us }, perMessage: 10us, perEntry: 2us }',
  'disk: { fsync: { dist: constant, value: 2ms } }',
  'workload:',
  '  arrival: { kind: poisson, rate: 2000/s }',
  '  writes: 0.5',
  '  keys: { dist: zipf, count: 100000, s: 0.99 }',
  '  timeout: 500ms',
  '  retries: { max: 3, backoff: 50ms }',
  'faults:',
  '  - { at: 10s, crash: leader, recoverAfter: 5s }',
  '  - { at: 20s, partition: [[0, 1], [2, 3, 4]], healAfter: 5s }',
  '  - { at: 25s, slow: 2, factor: 10, for: 3s }',
  '  - { random: { mtbf: 60s, mttr: 10s } }',
);

const RAFT_DEFAULTS = {
  electionTimeout: [150_000, 300_000],
  heartbeat: 50_000,
  preVote: false,
  checkQuorum: false,
  leaseReads: false,
  maxBatch: 64,
  pipeline: 4,
  maxPending: 64,
};

describe('normalized scenarios', () => {
  it('reads the spec example into engine units', () => {
    expect(only(SPEC_EXAMPLE)).toStrictEqual({
      name: 'raft-leader-crash',
      description: 'A five-node Raft group loses its leader at t=10s.',
      seed: 42,
      duration: 30_000_000,
      warmup: 1_000_000,
      bucket: 100_000,
      trials: 1,
      architecture: { kind: 'raft-group', nodes: 5, ...RAFT_DEFAULTS },
      network: { delay: { dist: 'lognormal', median: 1000, p99: 5000 }, loss: 0 },
      cpu: { service: { dist: 'exponential', mean: 100 }, perMessage: 10, perEntry: 2 },
      disk: { fsync: { dist: 'constant', value: 2000 } },
      workload: load({
        rate: 2000,
        writes: 0.5,
        keys: { dist: 'zipf', count: 100_000, s: 0.99 },
        timeout: 500_000,
        retries: 3,
        backoff: 50_000,
      }),
      faults: [
        { type: 'crash', at: 10_000_000, target: 'leader', recoverAfter: 5_000_000 },
        {
          type: 'partition',
          at: 20_000_000,
          groups: [
            [0, 1],
            [2, 3, 4],
          ],
          healAfter: 5_000_000,
        },
        { type: 'slow', at: 25_000_000, node: 2, factor: 10, for: 3_000_000 },
        { type: 'random', mtbf: 60_000_000, mttr: 10_000_000 },
      ],
    });
  });

  it('fills every default, and names the scenario after its file', () => {
    expect(only('architecture: { kind: raft-group, nodes: 5 }')).toStrictEqual({
      name: 'only',
      description: '',
      seed: 1,
      duration: 10_000_000,
      warmup: 1_000_000,
      bucket: 100_000,
      trials: 1,
      architecture: { kind: 'raft-group', nodes: 5, ...RAFT_DEFAULTS },
      network: { delay: { dist: 'lognormal', median: 500, p99: 2000 }, loss: 0 },
      cpu: { service: { dist: 'exponential', mean: 100 }, perMessage: 10, perEntry: 2 },
      workload: load({ rate: 1000, writes: 0.5, keys: 1000, timeout: 500_000, retries: 2, backoff: 50_000 }),
      faults: [],
    });
  });

  it.each([
    [
      'kind: stateless-lb, nodes: 4',
      { kind: 'stateless-lb', nodes: 4, policy: 'round-robin', healthCheck: { interval: 1_000_000, unhealthyAfter: 3 } },
    ],
    ['kind: active-passive, nodes: 3', { kind: 'active-passive', nodes: 3, electionTimeout: [150_000, 300_000], heartbeat: 50_000 }],
    [
      'kind: coordinator, nodes: 3',
      { kind: 'coordinator', nodes: 3, purpose: 'ids', batch: 1, electionTimeout: [150_000, 300_000], heartbeat: 50_000 },
    ],
    ['kind: sharded-raft, nodes: 10', { kind: 'sharded-raft', nodes: 10, shards: 10, replication: 3, ...RAFT_DEFAULTS }],
    ['kind: sharded-raft, nodes: 2, shards: 8', { kind: 'sharded-raft', nodes: 2, shards: 8, replication: 2, ...RAFT_DEFAULTS }],
    ['kind: leaderless-quorum, nodes: 5', { kind: 'leaderless-quorum', nodes: 5, replicas: 3, writeQuorum: 2, readQuorum: 2, vnodes: 16 }],
    [
      'kind: leaderless-quorum, nodes: 9, replicas: 5, readQuorum: 1',
      { kind: 'leaderless-quorum', nodes: 9, replicas: 5, writeQuorum: 3, readQuorum: 1, vnodes: 16 },
    ],
    ['kind: leaderless-quorum, nodes: 1', { kind: 'leaderless-quorum', nodes: 1, replicas: 1, writeQuorum: 1, readQuorum: 1, vnodes: 16 }],
  ])('architecture defaults for { %s }', (keys, expected) => {
    expect(only(`architecture: { ${keys} }`).architecture).toStrictEqual(expected);
  });

  it('reads closed-loop clients, shard-leader crashes and bare numbers', () => {
    const s = only(
      lines(
        'architecture: { kind: sharded-raft, nodes: 6, shards: 12 }',
        'workload: { arrival: { kind: closed, clients: 50, think: 10ms }, timeout: 250 }',
        'faults: [{ at: 2s, crash: "shard:11/leader" }, { at: 3s, crash: random }]',
      ),
    );
    expect(s.workload.arrival).toStrictEqual({ kind: 'closed', clients: 50, think: 10_000 });
    expect(s.workload.timeout).toBe(250_000);
    expect(s.faults).toStrictEqual([
      { type: 'crash', at: 2_000_000, target: { shardLeader: 11 } },
      { type: 'crash', at: 3_000_000, target: 'random' },
    ]);
  });
});

const EXPANDED = lines(
  'name: scaling',
  'architecture: { kind: raft-group, nodes: 3 }',
  'workload: { writes: 0.1, timeout: 1s }',
  'sweep:',
  '  architecture.nodes: [3, 5, 7]',
  '  workload.arrival.rate: [1000/s, 2000/s]',
  'variants:',
  '  - { name: raft, architecture: { kind: raft-group, heartbeat: 20ms } }',
  '  - { name: quorum, architecture: { kind: leaderless-quorum }, workload: { writes: 0.9 } }',
);

describe('sweeps and variants', () => {
  it('runs every variant at every sweep point, variant by variant, first sweep key slowest', () => {
    const loaded = parseScenarioText(EXPANDED, 'x.yaml');
    expect(loaded.sweepKeys).toEqual(['architecture.nodes', 'workload.arrival.rate']);
    const rows = loaded.runs.map((r) => [
      r.variant,
      r.sweepPoint['architecture.nodes'],
      r.sweepPoint['workload.arrival.rate'],
      r.scenario.architecture.nodes,
    ]);
    expect(rows).toEqual([
      ['raft', 3, '1000/s', 3],
      ['raft', 3, '2000/s', 3],
      ['raft', 5, '1000/s', 5],
      ['raft', 5, '2000/s', 5],
      ['raft', 7, '1000/s', 7],
      ['raft', 7, '2000/s', 7],
      ['quorum', 3, '1000/s', 3],
      ['quorum', 3, '2000/s', 3],
      ['quorum', 5, '1000/s', 5],
      ['quorum', 5, '2000/s', 5],
      ['quorum', 7, '1000/s', 7],
      ['quorum', 7, '2000/s', 7],
    ]);
  });

  it("a variant's architecture replaces the base's; its other mappings merge key by key", () => {
    const { runs } = parseScenarioText(EXPANDED, 'x.yaml');
    const raft = runs[1].scenario;
    expect(raft.architecture).toStrictEqual({ kind: 'raft-group', nodes: 3, ...RAFT_DEFAULTS, heartbeat: 20_000 });
    expect(raft.workload).toMatchObject({ writes: 0.1, timeout: 1_000_000, arrival: { kind: 'poisson', ratePerSecond: 2000 } });
    const quorum = runs[8].scenario;
    expect(quorum.architecture).toStrictEqual({
      kind: 'leaderless-quorum',
      nodes: 5,
      replicas: 3,
      writeQuorum: 2,
      readQuorum: 2,
      vnodes: 16,
    });
    expect(quorum.workload).toMatchObject({ writes: 0.9, timeout: 1_000_000, arrival: { kind: 'poisson', ratePerSecond: 1000 } });
  });

  it('without variants or sweep: one run, no variant name, empty sweep point', () => {
    const loaded = parseScenarioText('architecture: { kind: raft-group, nodes: 5 }', 'a.yaml');
    expect(loaded.runs.map((r) => [r.variant, r.sweepPoint])).toEqual([['', {}]]);
    expect([loaded.name, loaded.description, loaded.baseSeed, loaded.trials, loaded.sweepKeys]).toEqual(['a', '', 1, 1, []]);
  });
});

describe('overrides (--set, --seed, --trials)', () => {
  it('win over the file and every variant; text is read as YAML', () => {
    const loaded = parseScenarioText(EXPANDED, 'x.yaml', {
      'workload.writes': '0.75',
      seed: '9',
      trials: '20',
      'network.delay': '{ dist: constant, value: 1ms }',
    });
    expect([loaded.baseSeed, loaded.trials]).toEqual([9, 20]);
    expect(loaded.runs.map((r) => r.scenario.workload.writes)).toEqual(Array(12).fill(0.75));
    expect(loaded.runs.map((r) => r.scenario.network.delay)).toEqual(Array(12).fill({ dist: 'constant', value: 1000 }));
  });

  it('a --set must suit every variant', () => {
    expect(() => parseScenarioText(EXPANDED, 'x.yaml', { 'architecture.electionTimeout': '[1s, 2s]' })).toThrow(
      "x.yaml: architecture.electionTimeout: unknown key 'electionTimeout': valid keys here are kind, nodes, replicas, writeQuorum, readQuorum, vnodes (from --set architecture.electionTimeout=[1s, 2s]) [variant 'quorum', sweep architecture.nodes=3, sweep workload.arrival.rate='1000/s']",
    );
  });

  it('a --set on a swept key pins it; --set sweep.KEY replaces the values', () => {
    const pinned = parseScenarioText(EXPANDED, 'x.yaml', { 'architecture.nodes': '9' });
    expect(pinned.sweepKeys).toEqual(['workload.arrival.rate']);
    expect(pinned.runs.map((r) => r.scenario.architecture.nodes)).toEqual(Array(4).fill(9));
    const swept = parseScenarioText(EXPANDED, 'x.yaml', { 'sweep.architecture.nodes': '[101, 301]', 'sweep.workload.writes': '[0, 1]' });
    expect(swept.sweepKeys).toEqual(['architecture.nodes', 'workload.arrival.rate', 'workload.writes']);
    expect(swept.runs).toHaveLength(16);
    expect(swept.runs[3].sweepPoint).toEqual({ 'architecture.nodes': 101, 'workload.arrival.rate': '2000/s', 'workload.writes': 1 });
  });

  it("--set 'sweep={...}' replaces the whole sweep; a sweep.KEY after it still adds an axis", () => {
    const whole = parseScenarioText(EXPANDED, 'x.yaml', { sweep: '{architecture.nodes: [3, 10]}' });
    expect(whole.sweepKeys).toEqual(['architecture.nodes']);
    expect(whole.runs.map((r) => r.scenario.architecture.nodes)).toEqual([3, 10, 3, 10]);
    const more = parseScenarioText(EXPANDED, 'x.yaml', { sweep: '{architecture.nodes: [3]}', 'sweep.workload.writes': '[0, 1]' });
    expect(more.sweepKeys).toEqual(['architecture.nodes', 'workload.writes']);
    expect(() => parseScenarioText(EXPANDED, 'x.yaml', { sweep: '[3, 5]' })).toThrow(
      "x.yaml: sweep: must be a mapping of dotted keys to lists, e.g. --set 'sweep={architecture.nodes: [3, 5]}' (from --set sweep=[3, 5])",
    );
    expect(() => parseScenarioText(EXPANDED, 'x.yaml', { sweep: '{seed: [1, 2]}' })).toThrow(/'seed' cannot be swept/);
  });

  it('applyOverrides sets dotted paths, reading text as YAML and starting from defaults the file left out', () => {
    const raw = { architecture: { kind: 'raft-group', nodes: 3 }, faults: [{ at: '1s', crash: 0 }] };
    expect(
      applyOverrides(raw, { 'architecture.nodes': 5, 'workload.arrival.rate': '2000/s', 'faults.0.at': '2s', 'network.loss': '0.01' }),
    ).toEqual({
      architecture: { kind: 'raft-group', nodes: 5 },
      faults: [{ at: '2s', crash: 0 }],
      workload: { arrival: { kind: 'poisson', rate: '2000/s' } },
      network: { loss: 0.01 },
    });
    expect(raw.architecture.nodes).toBe(3);
  });
});

describe('files', () => {
  it('loads YAML and JSON files by content, whatever the extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadsim-scenario-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ architecture: { kind: 'stateless-lb', nodes: 2 }, duration: '2s' }));
    writeFileSync(join(dir, 'b.txt'), 'architecture: { kind: stateless-lb, nodes: 2 }\n');
    expect(loadScenarioFile(join(dir, 'a.json')).runs[0].scenario).toMatchObject({ name: 'a', duration: 2_000_000 });
    expect(loadScenarioFile(join(dir, 'b.txt')).name).toBe('b');
  });

  it('a missing file is bad input', () => {
    const missing = join(tmpdir(), 'no-such-leadsim-scenario.yaml');
    expect(() => loadScenarioFile(missing)).toThrow(
      new ScenarioError({ file: missing, key: '', detail: 'cannot read the scenario file: no such file or folder' }),
    );
  });

  it('every bundled scenario loads', () => {
    const dir = join(import.meta.dirname, '../../scenarios');
    for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const loaded = loadScenarioFile(join(dir, file));
      expect(loaded.description, file).not.toBe('');
      expect(loaded.runs.length, file).toBeGreaterThan(0);
    }
  });
});
