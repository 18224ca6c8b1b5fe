// Budgets at validation time: every value that would exhaust memory or run for hours is refused
// by the loader with the key, the estimate and the limit — and the estimate is close enough to
// what a run really does that the limits mean something.
import { describe, expect, it } from 'vitest';
import { LIMITS } from './budget.js';
import { ScenarioError } from './errors.js';
import { parseScenarioText, type Overrides } from './load.js';

const lines = (...rows: string[]) => rows.join('\n') + '\n';
const RAFT5 = 'architecture: { kind: raft-group, nodes: 5 }';

function refusal(text: string, overrides: Overrides = {}, shards?: number): string {
  try {
    parseScenarioText(text, 'x.yaml', overrides, { shards });
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('budgets name the key, the estimate and the limit', () => {
  it.each([
    [
      'an absurd rate',
      lines(RAFT5, 'workload: { arrival: { kind: poisson, rate: 1000000000000/s } }'),
      /^x\.yaml:2: workload\.arrival\.rate: makes ~1\.0e13 requests per run .*at most 1\.0e7/,
    ],
    [
      'a 1us bucket over 60s',
      lines(RAFT5, 'duration: 60s', 'bucket: 1us'),
      /^x\.yaml:3: bucket: makes 6\.0e7 time buckets per run \(duration 1m \/ bucket 1us\); at most 1\.0e6: use a bucket of at least 60us/,
    ],
    [
      'a run of 30 years',
      lines(RAFT5, 'duration: 1000000000s'),
      /^x\.yaml:2: duration: makes 1\.0e10 time buckets .*a run may last at most 100000s/,
    ],
    [
      'an MTBF of 1us',
      lines(RAFT5, 'faults: [{ random: { mtbf: 1us, mttr: 1us } }]'),
      /^x\.yaml:2: faults\.0\.random\.mtbf: makes ~5\.0e7 crashes and recoveries per run/,
    ],
    [
      'a zipf table at the schema maximum',
      lines(RAFT5, 'workload: { keys: { dist: zipf, count: 9007199254740991 } }'),
      /workload\.keys\.count: a zipf table of 9\.0e15 keys .*at most 1\.0e7 keys/,
    ],
    [
      '100000 shards on 1000 nodes',
      lines('architecture: { kind: sharded-raft, nodes: 1000, shards: 100000 }'),
      /architecture\.shards: makes 300000 Raft replicas \(shards × replication\); at most 100000/,
    ],
    [
      'heartbeats of 1000 nodes every 1ms for an hour',
      lines(
        'architecture: { kind: raft-group, nodes: 1000, heartbeat: 1ms }',
        'duration: 3600s',
        'workload: { arrival: { kind: poisson, rate: 1/s } }',
      ),
      /^x\.yaml:2: duration: makes ~1\.4e10 engine events per run \(estimated; about 4\.0 h\); the budget is 5\.0e8 per run: raise it with --max-events 2\.0e10, or shorten the run$/,
    ],
  ])('%s', (_, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('a sweep of 10 keys × 10 values is counted, not made', () => {
    const axes = 'abcdefghij'.split('').map((k) => `workload.${k}: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]`);
    expect(refusal(lines(RAFT5, 'sweep:', ...axes.map((a) => `  ${a}`)))).toBe(
      `x.yaml:2: sweep: makes 1.0e10 runs (variants × sweep points); at most ${LIMITS.runs} in one file: split it into several files`,
    );
  });

  it('trials × runs over a file, blaming --trials when it set them; shards share the work', () => {
    const long = lines(RAFT5, 'duration: 600s', 'workload: { arrival: { kind: poisson, rate: 10000/s } }');
    expect(refusal(long, { trials: '400' })).toMatch(
      /^x\.yaml: trials: makes ~.* engine events \(1 run\(s\) × 400 trial\(s\); estimated, about .*\); the budget of a command is 5\.0e9 \(10 × --max-events\): raise it with --max-events .*, or split it with leadsim sweep FILE --shard K\/N .*\(from --trials 400\)$/,
    );
    expect(() => parseScenarioText(long, 'x.yaml', { trials: '400' }, { shards: 10 })).not.toThrow();
    expect(() => parseScenarioText(long, 'x.yaml', { trials: '400' }, { maxEvents: 1e10 })).not.toThrow();
    expect(refusal(lines(RAFT5, 'trials: 100000', 'duration: 60s'))).toMatch(/x\.yaml:2: trials: makes 6\.0e7 rows of timeseries\.csv/);
  });

  it('a budget exceeded by one variant at one sweep point names them, at the line that set the value', () => {
    const text = lines(
      RAFT5,
      'sweep: { workload.arrival.rate: [1000/s, 100000/s] }',
      'duration: 200s',
      'variants:',
      '  - { name: small }',
      '  - { name: big, architecture: { kind: raft-group, nodes: 99 } }',
    );
    expect(refusal(text)).toMatch(
      /^x\.yaml:2: workload\.arrival\.rate: makes ~2\.0e7 requests per run .*\[variant 'small', sweep workload\.arrival\.rate='100000\/s'\]$/,
    );
  });
});

it("the event budget is the user's: --max-events lets through what the default refuses", () => {
  const text = lines('architecture: { kind: raft-group, nodes: 1000, heartbeat: 1ms }', 'duration: 3600s');
  expect(refusal(text)).toMatch(/--max-events/);
  expect(() => parseScenarioText(text, 'x.yaml', {}, { maxEvents: 2e10 })).not.toThrow();
});

it('the headline case, one Raft group of 1000 nodes for 60 s at 2000 writes/s, fits the default budget', () => {
  const text = lines(
    'architecture: { kind: raft-group, nodes: 1000 }',
    'duration: 60s',
    'workload: { arrival: { kind: poisson, rate: 2000/s }, writes: 1 }',
  );
  expect(() => parseScenarioText(text, 'x.yaml')).not.toThrow();
});
