// The scenario schema: the single source for validating scenario files, for their input type
// (ScenarioInput) and for the JSON Schema that editors use (`leadsim schema`). Objects are
// strict everywhere, so a misspelt key is an error, never a silently ignored setting.
//
// Defaults (a key left out of the file takes one) are written once, on the key itself: the
// `.default(...)` / `.prefault(...)` here and in the *-schema.ts modules it imports, and each
// kind's in its descriptor (sim/architectures/<kind>/kind.ts, with those that depend on other
// keys: shards from nodes, quorums from replicas). They are not restated here:
// docs/scenario-format.md lists them all, generated from this schema by `npm run docs` (whose
// --check fails when the page lags). Defaults another module reads too (batching, health
// checks, the mappings a sweep may reach into) are in defaults.ts.
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
const MAX_SESSIONS = 1000;

const nodes = intIn(1, MAX_NODES).describe('how many nodes (servers) the architecture has');

/** A kind's keys: `kind`, `nodes`, then its own (sim/architectures/<kind>/kind.ts). */
const kindKey = (d: KindDescriptor<ArchitectureSpec>) => z.literal(d.kind).describe(d.summary);
const shapeOf = (d: KindDescriptor<ArchitectureSpec>) => ({ kind: kindKey(d), nodes, ...d.schema(schemaKit) });
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
        .extend({ kind: kindKey(d) }),
    ),
  ),
);

const clocksSchema = z.strictObject({
  drift: drift().describe("each node's clock rate is drawn once, uniformly within 1 ± drift; its timers and leases run on it"),
});

const written = <T>(path: string) => WRITTEN_DEFAULTS[path] as T;

const cpuSchema = z.strictObject({
  service: durationDist()
    .prefault(written('cpu.service'))
    .describe("CPU time a node spends on one client request (a coordinator's fleet: on one request it serves)"),
  perMessage: duration('nonnegative').prefault('10us').describe('CPU time to send or receive one message, at each end'),
  perEntry: duration('nonnegative')
    .prefault('2us')
    .describe('CPU time per log entry a message carries, on top of perMessage (a batch of k entries costs perMessage + k × perEntry)'),
});

const diskSchema = z.strictObject({
  fsync: durationDist().describe('time one fsync takes; a node persists its Raft state (term, vote, log) before it acts on it'),
});

const workloadSchema = z.strictObject({
  arrival: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('poisson').describe('open loop: requests arrive at random at a fixed mean rate, whatever the answers'),
        rate: rate().describe('requests per second offered'),
      }),
      z.strictObject({
        kind: z.literal('closed').describe('closed loop: each client sends its next request once the last one is answered'),
        clients: intIn(1, 1_000_000).describe('how many clients, each with one request outstanding'),
        think: duration('nonnegative')
          .prefault('0ms')
          .describe("a client's mean pause (exponential) between an answer and its next request"),
      }),
    ])
    .prefault(written('workload.arrival'))
    .describe('how requests arrive'),
  writes: probability().default(0.5).describe('the fraction of requests that are writes; the rest are reads'),
  keys: z
    .discriminatedUnion('dist', [
      z.strictObject({
        dist: z.literal('uniform').describe('every key equally likely'),
        count: intIn(1).default(1000).describe('how many distinct keys'),
      }),
      z.strictObject({
        dist: z.literal('zipf').describe('a few hot keys: key k is drawn with weight 1/k^s'),
        count: intIn(1).default(1000).describe('how many distinct keys'),
        s: positiveNumber().default(0.99).describe('the skew: larger makes the hot keys hotter'),
      }),
    ])
    .prefault(written('workload.keys'))
    .describe('which keys requests touch (where keys matter: sharded-raft, leaderless-quorum, stale reads)'),
  timeout: duration().prefault('500ms').describe('how long a client waits for an answer to one attempt before giving it up'),
  retries: z
    .strictObject({
      max: intIn(0, 100).default(2).describe('attempts after the first, each after a timeout or a failure (a busy answer is not retried)'),
      backoff: duration('nonnegative').prefault('50ms').describe('the wait before retry k is backoff × 2^k, ±50% jitter'),
    })
    .prefault({})
    .describe('what a client does when an attempt fails'),
  sessions: intIn(1, MAX_SESSIONS)
    .optional()
    .describe('independent client connections, each with its own idea of who leads; default 1 (one hint shared by all)'),
});

// A fault is told apart by its action key (crash, partition, slow, random, clockJump or cut: one
// member of the union below each), not by a tag.
const FAULT_HINT = 'a fault such as { at: 10s, crash: leader }, with one of crash, partition, cut, slow, clockJump or random';
const faultSchema = z.union(
  [
    z.strictObject({
      at: at(),
      crash: crashTarget().describe('whom the crash takes down (leader, random: resolved when it happens; zone:a: every node of zone a)'),
      recoverAfter: duration().optional().describe('the node comes back this long after, with what it persisted; default: never'),
    }),
    z.strictObject({
      at: at(),
      // nodes named in no group form one more side, so [[leader]] cuts the leader off from the rest
      partition: z
        .array(z.array(partitionMember()).min(1, { error: 'a partition group needs at least one node' }))
        .min(1, { error: 'must list groups of node ids, e.g. [[0, 1], [2, 3, 4]] or [[leader]]' })
        .describe('groups of nodes that can reach only each other; nodes in no group form one more ([[leader]] isolates the leader)'),
      healAfter: heal(),
    }),
    z.strictObject({
      at: at(),
      slow: nodeId().describe('the node whose CPU slows down (a grey failure: health checks still pass)'),
      factor: positiveNumber().describe('every CPU cost on that node is multiplied by this'),
      for: duration().optional().describe('how long it stays slow; default: to the end of the run'),
    }),
    z.strictObject({
      random: z
        .strictObject({
          mtbf: duration().describe('mean time between failures of each node (exponential)'),
          mttr: duration().describe('mean time to repair (exponential)'),
        })
        .describe('every node fails and is repaired at random, independently, for the whole run'),
    }),
    z.strictObject({
      at: at(),
      clockJump: partitionMember().describe('the node whose clock reading jumps (needs no clocks: key)'),
      by: duration('nonzero').describe('how far its clock jumps: negative is back in time'),
    }),
    z.strictObject({
      at: at(),
      // one-way: messages from `from` to `to` are lost; the other direction still works
      cut: z
        .strictObject({
          from: cutSide().describe('the senders whose messages are lost (others: every node but the leader)'),
          to: cutSide().describe('the receivers they no longer reach; the other direction still works'),
        })
        .describe('a link that fails one way'),
      healAfter: heal(),
    }),
  ],
  { error: expecting(FAULT_HINT) },
);

function at() {
  return duration('nonnegative').describe('when the fault happens, from the start of the run');
}
function heal() {
  return duration().optional().describe('it heals this long after; default: never');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const scenarioShape = {
  name: z
    .string()
    .regex(NAME, { error: "must be letters, digits, '.', '_' or '-' (it names the report directory)" })
    .optional()
    .describe("the scenario's name: reports go to reports/<name>/; default: the file's name"),
  description: z
    .string({ error: 'must be a string: one paragraph saying what question the scenario answers' })
    .default('')
    .describe('what question the scenario answers and what to look at; leadsim list prints its first line'),
  seed: intIn(0).default(1).describe('the random seed; trial k uses a seed derived from (seed, k). Same seed, same reports'),
  duration: duration().prefault('10s').describe('simulated time each run lasts'),
  warmup: duration('nonnegative').prefault('1s').describe('time at the start left out of the statistics (less than duration)'),
  bucket: duration().prefault('100ms').describe('the width of a time bucket of timeseries.csv and the charts'),
  trials: intIn(1, MAX_TRIALS).default(1).describe('runs of each variant and sweep point, with different seeds'),
  architecture: architectureSchema.describe('what is simulated: the kind of system and its keys'),
  network: networkSchema.prefault({}).describe('message delay, loss and where nodes sit'),
  cpu: cpuSchema.prefault({}).describe("each node's CPU costs; a node has one CPU"),
  disk: diskSchema.optional().describe('the disk; default: none (persisting costs no time)'),
  workload: workloadSchema.prefault({}).describe('the clients and the requests they send'),
  faults: z
    .array(faultSchema)
    .default([])
    .describe('crashes, partitions, one-way cuts, slow nodes, clock jumps and random failures; default: none'),
  clocks: clocksSchema.optional().describe("nodes' own clocks; default: every node runs on true time"),
  alerts: alertsSchema.optional().describe('alert rules evaluated on the simulated metrics; firings go to alerts.csv'),
};

const parsedScenarioSchema = z.strictObject(scenarioShape);
/** A scenario after field validation, before the checks across fields. */
export type ParsedScenario = z.output<typeof parsedScenarioSchema>;

/** One scenario, variant and sweep point already applied: validates, fills defaults, yields a Scenario. */
export const scenarioSchema = parsedScenarioSchema.transform(checkAndNormalize);

const variantSchema = z.strictObject({
  name: z
    .string({ error: 'is required: a name for the variant, e.g. raft-5' })
    .min(1, { error: 'must not be empty' })
    .describe('names the variant in every report'),
  architecture: variantArchitectureSchema
    .optional()
    .describe('replaces the base architecture whole when given (a sweep or --set may fill its keys)'),
  network: networkSchema.partial().optional().describe('merged key by key over the base network'),
  cpu: cpuSchema.partial().optional().describe('merged key by key over the base cpu'),
  disk: diskSchema.optional().describe('replaces the base disk'),
  clocks: clocksSchema.optional().describe('replaces the base clocks'),
  workload: workloadSchema.partial().optional().describe('merged key by key over the base workload'),
  faults: z.array(faultSchema).optional().describe('replaces the base faults list'),
});

const sweepSchema = z
  .record(z.string(), z.array(z.unknown(), { error: expectingList }).min(1, { error: 'must list at least one value' }))
  .describe('dotted key → the values it takes, e.g. architecture.nodes: [3, 5, 7]; every combination is run');

function expectingList(issue: { input?: unknown }): string {
  return `must be a list of values, e.g. [3, 5, 7] (got ${JSON.stringify(issue.input)})`;
}

/** A scenario file as written: the base scenario (architecture may come from variants), sweep and variants. */
export const scenarioFileSchema = z.strictObject({
  ...scenarioShape,
  architecture: architectureSchema
    .optional()
    .describe('what is simulated: the kind of system and its keys; may come from the variants instead'),
  sweep: sweepSchema.optional(),
  variants: z
    .array(variantSchema)
    .min(1, { error: 'must list at least one variant' })
    .optional()
    .describe('runs the same scenario under each, side by side; each names what it changes'),
  expect: expectSchema.optional().describe('claims the runs must hold; run and check exit 1 when one does not'),
});

type KindInput<D> = D extends KindDescriptor<infer S, infer Shape> ? z.input<z.ZodObject<Shape>> & Pick<S, 'kind' | 'nodes'> : never;
/** A scenario as a file or a test writes it, one architecture kind's keys at a time. */
export type ScenarioInput = Omit<z.input<typeof scenarioSchema>, 'architecture'> & { architecture: KindInput<(typeof KINDS)[number]> };

/** The JSON Schema of scenario files, as the file is written (durations are strings or numbers). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'leadsim scenario',
    description: 'A leadsim scenario file (YAML or JSON); docs/scenario-format.md describes every key, with an example.',
  };
}
