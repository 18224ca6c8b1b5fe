// Named network settings a user can start from (`network.preset`). One-way delays in
// microseconds, as lognormal median / p99; the README gives the sources of the numbers.
import type { DistSpec } from '../scenario/scenario.js';

export interface NetworkPreset {
  /** Within one zone. */
  delay: DistSpec;
  /** Zones placed round-robin when the file names none (0: no zones). */
  zones: number;
  /** Between zones i < j, by the pair's zone indices "i-j"; `any` for every pair. */
  between: { any: DistSpec } | { pairs: Record<string, DistSpec> };
}

const lognormal = (median: number, p99: number): DistSpec => ({ dist: 'lognormal', median, p99 });

export const NETWORK_PRESETS = {
  // one data center: ~0.5 ms round trip (Dean's "numbers everyone should know")
  'single-dc': { delay: lognormal(250, 1000), zones: 0, between: { any: lognormal(250, 1000) } },
  // three availability zones of one region: ~0.4 ms round trip inside a zone, 1-2 ms across
  'three-az': { delay: lognormal(200, 1000), zones: 3, between: { any: lognormal(700, 2000) } },
  // three regions, a = us-east-1, b = us-west-2, c = eu-west-1: round trips ~87, ~81 and ~137 ms
  'three-region': {
    delay: lognormal(500, 2000),
    zones: 3,
    between: { pairs: { '0-1': lognormal(44_000, 50_000), '0-2': lognormal(40_000, 46_000), '1-2': lognormal(69_000, 78_000) } },
  },
} as const satisfies Record<string, NetworkPreset>;

export type PresetName = keyof typeof NETWORK_PRESETS;
/** The names, for the schema's enum (a non-empty tuple: there is always a preset). */
export const PRESET_NAMES = Object.keys(NETWORK_PRESETS) as [PresetName, ...PresetName[]];
