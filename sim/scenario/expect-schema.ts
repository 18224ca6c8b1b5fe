// The `expect:` block of a scenario file: what a scenario claims, checked by `run` and `check`.
// A metric is a summary column (its stat taken over trials) or a per-failover column of
// failovers.csv (its stat taken over every failover of every trial).
import * as z from 'zod';
import { FAILOVER_COLUMNS, SUMMARY_COLUMNS } from '../metrics/run-result.js';

const NOT_METRICS = new Set(['scenario', 'variant', 'kind', 'nodes', 'seed', 'trial', 'sim_seconds']);
const FAILOVER_TIMES = /_at_ms$/;

const IN_SUMMARY: ReadonlySet<string> = new Set(SUMMARY_COLUMNS);

/** Columns measured once per failover; an expectation on one pools every failover of every trial. */
export const PER_FAILOVER_METRICS: readonly string[] = FAILOVER_COLUMNS.filter(
  (c) => !NOT_METRICS.has(c) && !FAILOVER_TIMES.test(c) && !IN_SUMMARY.has(c),
);
const EXPECTABLE_METRICS: readonly string[] = [...SUMMARY_COLUMNS.filter((c) => !NOT_METRICS.has(c)), ...PER_FAILOVER_METRICS];

const EXPECT_STATS = ['mean', 'p50', 'p99', 'max', 'min'] as const;
export type ExpectStat = (typeof EXPECT_STATS)[number];

export const expectSchema = z.array(
  z
    .strictObject({
      variant: z.string().min(1, { error: 'must name a variant' }).optional().describe('the variant it is about; default: every variant'),
      metric: z
        .enum(EXPECTABLE_METRICS as [string, ...string[]])
        .describe('a column of summary.csv, or of failovers.csv (pooled over every failover of every trial)'),
      stat: z.enum(EXPECT_STATS).default('mean').describe('the statistic of the metric over trials (or failovers)'),
      min: z.number({ error: 'must be a number' }).optional().describe('the lowest value it may take; at least one of min and max'),
      max: z.number({ error: 'must be a number' }).optional().describe('the highest value it may take'),
    })
    .refine((e) => e.min !== undefined || e.max !== undefined, { error: 'needs a bound: min, max or both' })
    .refine((e) => e.min === undefined || e.max === undefined || e.min <= e.max, { error: 'min must not exceed max' }),
);

export type Expectation = z.output<typeof expectSchema>[number] & {
  /** Where it is written, for messages: "file:line". */
  where: string;
};
