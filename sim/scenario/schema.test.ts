import { describe, expect, it } from 'vitest';
import { KINDS } from '../architectures/registry.js';
import { VALUE_TITLES } from './fields.js';
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
    // one branch per registered kind, in the registry's order (the registry is the list)
    expect(kinds).toEqual(KINDS.map((d) => [d.kind, false, ['kind', 'nodes']]));
    expect(kinds?.map(([kind]) => kind)).toContain('raft-group');
  });

  it('takes durations as text or numbers, with defaults as a user writes them', () => {
    expect(schema.properties?.duration).toMatchObject({ type: ['string', 'number'], default: '10s' });
    expect(schema.properties?.workload.properties?.arrival.default).toEqual({ kind: 'poisson', rate: '1000/s' });
    expect(schema.properties?.variants.items?.required).toEqual(['name']);
  });

  it('describes every key, wherever it sits (architecture kinds, faults, variants, distributions)', () => {
    const keys = propertiesOf(schema);
    expect(keys.length).toBeGreaterThan(350);
    expect(keys.filter(([, p]) => typeof p.description !== 'string' || p.description.length < 8).map(([path]) => path)).toEqual([]);
    // a value kind's title is one the format page knows how to print (tools/docs/format.ts)
    const titles = new Set<string>(Object.values(VALUE_TITLES).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))));
    expect(keys.filter(([, p]) => p.title !== undefined && !titles.has(p.title)).map(([path]) => path)).toEqual([]);
  });
});

/** Every property of every object in the schema, with its dotted path ([] for list items). */
function propertiesOf(node: unknown, path = ''): [string, JsonSchema & { description?: string; title?: string }][] {
  if (Array.isArray(node)) return node.flatMap((n) => propertiesOf(n, path));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'properties'
      ? Object.entries(value as Record<string, JsonSchema>).flatMap(([name, p]): [string, JsonSchema][] => [
          [`${path}.${name}`, p],
          ...propertiesOf(p, `${path}.${name}`),
        ])
      : propertiesOf(value, key === 'items' ? `${path}[]` : path),
  );
}

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
