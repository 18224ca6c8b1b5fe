import { describe, expect, it } from 'vitest';
import type { Scenario } from './scenario.js';
import { scenarioJsonSchema, scenarioSchema, type ScenarioInput } from './schema.js';

interface JsonSchema {
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  oneOf?: JsonSchema[];
  const?: unknown;
  additionalProperties?: boolean;
  required?: string[];
  items?: JsonSchema;
}

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as unknown as JsonSchema & { title: string };

  it('is a plain JSON object describing the whole file', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.title).toBe('leadsim scenario');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'name',
      'description',
      'seed',
      'duration',
      'warmup',
      'bucket',
      'trials',
      'architecture',
      'network',
      'cpu',
      'disk',
      'workload',
      'faults',
      'clocks',
      'alerts',
      'sweep',
      'variants',
      'expect',
    ]);
  });

  it('offers one strict branch per architecture kind', () => {
    const kinds = schema.properties?.architecture.oneOf?.map((branch) => [
      branch.properties?.kind.const,
      branch.additionalProperties,
      branch.required,
    ]);
    expect(kinds).toEqual([
      ['stateless-lb', false, ['kind', 'nodes']],
      ['active-passive', false, ['kind', 'nodes']],
      ['coordinator', false, ['kind', 'nodes']],
      ['raft-group', false, ['kind', 'nodes']],
      ['multi-paxos', false, ['kind', 'nodes']],
      ['sharded-raft', false, ['kind', 'nodes']],
      ['leaderless-quorum', false, ['kind', 'nodes']],
    ]);
  });

  it('takes durations as text or numbers, with defaults as a user writes them', () => {
    expect(schema.properties?.duration).toMatchObject({ type: ['string', 'number'], default: '10s' });
    expect(schema.properties?.workload.properties?.arrival.default).toEqual({ kind: 'poisson', rate: '1000/s' });
    expect(schema.properties?.variants.items?.required).toEqual(['name']);
  });
});

describe('scenarioSchema', () => {
  it('turns the input shape into the engine Scenario', () => {
    const input: ScenarioInput = {
      name: 'typed',
      architecture: { kind: 'coordinator', nodes: 3, purpose: 'rate-limit', batch: 100 },
      duration: 2000,
    };
    const scenario: Scenario = scenarioSchema.parse(input);
    expect(scenario.duration).toBe(2_000_000);
    expect(scenario.architecture).toStrictEqual({
      kind: 'coordinator',
      nodes: 3,
      purpose: 'rate-limit',
      batch: 100,
      electionTimeout: [150_000, 300_000],
      heartbeat: 50_000,
    });
  });
});
