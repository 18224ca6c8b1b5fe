// docs/scenario-format.md: its key tables are what the schema says today (npm run docs writes
// them), and its full example is a file leadsim accepts, using every top-level key.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { parseScenarioText } from '../../sim/scenario/load.js';
import { scenarioJsonSchema } from '../../sim/scenario/schema.js';
import { BEGIN, END, formatTables, rewriteFormatDoc } from './format.js';

const root = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'scenario-format.md'), 'utf8');

describe('docs/scenario-format.md', () => {
  it('holds the key tables the schema gives today (run npm run docs after changing a key)', () => {
    expect(doc).toContain(BEGIN);
    expect(doc).toContain(END);
    expect(rewriteFormatDoc(doc, formatTables(scenarioJsonSchema()))).toBe(doc);
  });

  it('lists every key of the schema, each with its meaning', () => {
    const tables = formatTables(scenarioJsonSchema());
    const rows = tables.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(100);
    for (const key of ['seed', 'architecture.electionTimeout', 'workload.arrival.rate', 'faults[].cut.from', 'alerts[].window', 'p99'])
      expect(rows.some((r) => r.startsWith(`| \`${key}\``))).toBe(true);
    for (const r of rows) expect(r.split(' | ')[1].length, r).toBeGreaterThan(5);
    expect(tables).toContain(
      '| `architecture.electionTimeout` (kind: active-passive, coordinator, raft-group, multi-paxos, sharded-raft) | [min, max]: a follower',
    );
    expect(tables).toMatch(/\| `workload.arrival.rate` \(kind: poisson\) \| requests per second offered \| required \| rate \| > 0 \|/);
  });

  it('has a full example that leadsim accepts and that uses every top-level key', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const loaded = parseScenarioText(example, 'format-example.yaml');
    expect(loaded.name).toBe('format-example');
    expect(Object.keys(parse(example) as object).sort()).toEqual(Object.keys(scenarioJsonSchema().properties as object).sort());
  });
});

describe('formatTables', () => {
  const schema = {
    properties: {
      name: { description: 'the name', type: 'string' },
      architecture: {
        description: 'what runs',
        oneOf: [
          {
            type: 'object',
            properties: { kind: { const: 'a', description: 'kind a' }, n: { description: 'n', type: 'integer', minimum: 1, default: 3 } },
            required: ['kind'],
          },
          {
            type: 'object',
            properties: {
              kind: { const: 'b', description: 'kind b' },
              n: { description: 'n', type: 'integer', minimum: 1, default: 3 },
              t: { description: 'a time', title: 'duration > 0', default: '1s' },
            },
            required: ['kind'],
          },
        ],
      },
    },
  };
  it('gives a union one row for its tag, and marks the keys of some branches only', () => {
    const tables = formatTables(schema);
    expect(tables).toContain('| `architecture.kind` | `a`: kind a; `b`: kind b | required | — | `a`, `b` |');
    expect(tables).toContain('| `architecture.n` | n | `3` | — | an integer ≥ 1 |');
    expect(tables).toContain('| `architecture.t` (kind: b) | a time | `1s` | duration | > 0 |');
  });
  it('refuses a top-level key it has no section for', () => {
    expect(() => formatTables({ properties: { ...schema.properties, newKey: { description: 'x' } } })).toThrow(/no section for newKey/);
  });
});
