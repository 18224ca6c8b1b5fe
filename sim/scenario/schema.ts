// The scenario schema: the single source for validating scenario files, for their input type
// (ScenarioInput) and for the JSON Schema that editors use (`leadsim schema`). Objects are
// strict everywhere, so a misspelt key is an error, never a silently ignored setting.
//
// Defaults (a key left out of the file gets this value):
//   seed 1, duration 10s, warmup 1s (must be < duration), bucket 100ms, trials 1 (1..100000)
//   network   { delay: lognormal median 500us p99 2ms (or the preset's), loss 0 }; no zones
//             (a preset places 3 round-robin); between zones: the preset's, else `delay`
//   cpu       { service: exponential mean 100us, perMessage 10us, perEntry 2us }
//   disk      absent (no fsync cost)
//   workload  { arrival: poisson 1000/s, writes 0.5, keys: uniform count 1000 (zipf s 0.99),
//               timeout 500ms, retries { max 2, backoff 50ms } }; closed-loop think 0ms
//   faults    []
//   clocks    absent (true time everywhere)
//   alerts    absent; each rule: for 0s, interval 100ms, window 1s
//   architecture: `nodes` always required (1..1000); each kind's own keys and their defaults,
//             including those that depend on other keys (shards from nodes, quorums from
//             replicas), are in its descriptor (sim/architectures/<kind>/kind.ts)
// Defaults another module reads too (batching, health checks, the mappings a sweep may reach
// into) are in defaults.ts.
import * as z from 'zod';
import type { KindDescriptor } from '../architectures/kind.js';
import { KINDS, type ArchitectureSpec } from '../architectures/registry.js';
import { alertsSchema } from './alerts-schema.js';
import { checkAndNormalize } from './checks.js';
import { WRITTEN_DEFAULTS } from './defaults.js';
import { MAX_NODES, schemaKit } from './schema-kit.js';
import { networkSchema } from './network-schema.js';
import { expectSchema } from './expect-schema.js';
import {
  crashTarget,
  cutSide,
  drift,
  duration,
  durationDist,
  expecting,
  intIn,
  nodeId,
  partitionMember,
  positiveNumber,
  probability,
  rate,
} from './fields.js';

export const MAX_TRIALS = 100_000;
/** Client connections, each keeping its own leader hint per group. */
export const MAX_SESSIONS = 1000;

const nodes = intIn(1, MAX_NODES);

/** A kind's keys: `kind`, `nodes`, then its own (sim/architectures/<kind>/kind.ts). */
const shapeOf = (d: KindDescriptor<ArchitectureSpec>) => ({ kind: z.literal(d.kind), nodes, ...d.schema(schemaKit) });
const nonEmpty = <T>(list: T[]): [T, ...T[]] => [list[0], ...list.slice(1)];

export const architectureSchema = z.discriminatedUnion('kind', nonEmpty(KINDS.map((d) => z.strictObject(shapeOf(d)))));

// In a variant everything but `kind` may be left out: a sweep or --set can still supply it.
const variantArchitectureSchema = z.discriminatedUnion(
  'kind',
  nonEmpty(
    KINDS.map((d) =>
      z
        .strictObject(shapeOf(d))
        .partial()
        .extend({ kind: z.literal(d.kind) }),
    ),
  ),
);

const written = <T>(path: string) => WRITTEN_DEFAULTS[path] as T;

const cpuSchema = z.strictObject({
  service: durationDist().prefault(written('cpu.service')),
  perMessage: duration('nonnegative').prefault('10us'),
  perEntry: duration('nonnegative').prefault('2us'),
});

const diskSchema = z.strictObject({ fsync: durationDist() });

const workloadSchema = z.strictObject({
  arrival: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('poisson'), rate: rate() }),
      z.strictObject({ kind: z.literal('closed'), clients: intIn(1, 1_000_000), think: duration('nonnegative').prefault('0ms') }),
    ])
    .prefault(written('workload.arrival')),
  writes: probability().default(0.5),
  keys: z
    .discriminatedUnion('dist', [
      z.strictObject({ dist: z.literal('uniform'), count: intIn(1).default(1000) }),
      z.strictObject({ dist: z.literal('zipf'), count: intIn(1).default(1000), s: positiveNumber().default(0.99) }),
    ])
    .prefault(written('workload.keys')),
  timeout: duration().prefault('500ms'),
  retries: z.strictObject({ max: intIn(0, 100).default(2), backoff: duration('nonnegative').prefault('50ms') }).prefault({}),
  sessions: intIn(1, MAX_SESSIONS).optional(),
});

// A fault is told apart by its action key (crash, partition, slow or random), not by a tag.
const FAULT_HINT = 'a fault such as { at: 10s, crash: leader }, with one of crash, partition, cut, slow, clockJump or random';
const faultSchema = z.union(
  [
    z.strictObject({ at: duration('nonnegative'), crash: crashTarget(), recoverAfter: duration().optional() }),
    z.strictObject({
      at: duration('nonnegative'),
      // nodes named in no group form one more side, so [[leader]] cuts the leader off from the rest
      partition: z.array(z.array(partitionMember()).min(1, { error: 'a partition group needs at least one node' })).min(1, {
        error: 'must list groups of node ids, e.g. [[0, 1], [2, 3, 4]] or [[leader]]',
      }),
      healAfter: duration().optional(),
    }),
    z.strictObject({ at: duration('nonnegative'), slow: nodeId(), factor: positiveNumber(), for: duration().optional() }),
    z.strictObject({ random: z.strictObject({ mtbf: duration(), mttr: duration() }) }),
    z.strictObject({ at: duration('nonnegative'), clockJump: partitionMember(), by: duration('nonzero') }),
    z.strictObject({
      at: duration('nonnegative'),
      // one-way: messages from `from` to `to` are lost; the other direction still works
      cut: z.strictObject({ from: cutSide(), to: cutSide() }),
      healAfter: duration().optional(),
    }),
  ],
  { error: expecting(FAULT_HINT) },
);

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const scenarioShape = {
  name: z.string().regex(NAME, { error: "must be letters, digits, '.', '_' or '-' (it names the report directory)" }).optional(),
  description: z.string({ error: 'must be a string: one paragraph saying what question the scenario answers' }).default(''),
  seed: intIn(0).default(1),
  duration: duration().prefault('10s'),
  warmup: duration('nonnegative').prefault('1s'),
  bucket: duration().prefault('100ms'),
  trials: intIn(1, MAX_TRIALS).default(1),
  architecture: architectureSchema,
  network: networkSchema.prefault({}),
  cpu: cpuSchema.prefault({}),
  disk: diskSchema.optional(),
  workload: workloadSchema.prefault({}),
  faults: z.array(faultSchema).default([]),
  clocks: z.strictObject({ drift: drift() }).optional().describe("each node's clock runs off by up to drift; timers and leases use it"),
  alerts: alertsSchema.optional(),
};

const parsedScenarioSchema = z.strictObject(scenarioShape);
/** A scenario after field validation, before the checks across fields. */
export type ParsedScenario = z.output<typeof parsedScenarioSchema>;

/** One scenario, variant and sweep point already applied: validates, fills defaults, yields a Scenario. */
export const scenarioSchema = parsedScenarioSchema.transform(checkAndNormalize);

const variantSchema = z.strictObject({
  name: z.string({ error: 'is required: a name for the variant, e.g. raft-5' }).min(1, { error: 'must not be empty' }),
  architecture: variantArchitectureSchema.optional(),
  network: networkSchema.partial().optional(),
  cpu: cpuSchema.partial().optional(),
  disk: diskSchema.optional(),
  clocks: z.strictObject({ drift: drift() }).optional(),
  workload: workloadSchema.partial().optional(),
  faults: z.array(faultSchema).optional(),
});

const sweepSchema = z.record(z.string(), z.array(z.unknown(), { error: expectingList }).min(1, { error: 'must list at least one value' }));

function expectingList(issue: { input?: unknown }): string {
  return `must be a list of values, e.g. [3, 5, 7] (got ${JSON.stringify(issue.input)})`;
}

/** A scenario file as written: the base scenario (architecture may come from variants), sweep and variants. */
export const scenarioFileSchema = z.strictObject({
  ...scenarioShape,
  architecture: architectureSchema.optional(),
  sweep: sweepSchema.optional(),
  variants: z.array(variantSchema).min(1, { error: 'must list at least one variant' }).optional(),
  expect: expectSchema.optional(),
});

type KindInput<D> = D extends KindDescriptor<infer S, infer Shape> ? z.input<z.ZodObject<Shape>> & Pick<S, 'kind' | 'nodes'> : never;
/** A scenario as a file or a test writes it, one architecture kind's keys at a time. */
export type ScenarioInput = Omit<z.input<typeof scenarioSchema>, 'architecture'> & { architecture: KindInput<(typeof KINDS)[number]> };

/** The JSON Schema of scenario files, as the file is written (durations are strings or numbers). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'leadsim scenario', description: 'A leadsim scenario file (YAML or JSON).' };
}
