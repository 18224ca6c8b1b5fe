// The estimate tests over the grid of tools/docs/estimate-grid.ts: one test per kind, every size
// and load, the band asserted and the ratios printed.
import { expect, it } from 'vitest';
import { ESTIMATE_BAND, kindGrid } from '../tools/docs/estimate-grid.js';
import type { ArchitectureKind } from '../sim/architectures/registry.js';

/** The kinds with a Raft log, tested in a file of their own (sim/scenario/event-model-leaders.test.ts). */
export const RAFT_BASED: readonly ArchitectureKind[] = ['raft-group', 'sharded-raft', 'coordinator'];

export function estimateGridTests(kinds: readonly ArchitectureKind[]): void {
  for (const kind of kinds)
    it(`${kind}: the estimate is within ${ESTIMATE_BAND.join('–')}× of the events a run processes`, () => {
      const rows = kindGrid(kind).map((c) => ({
        ...c,
        row: `${kind} N=${c.nodes} ${c.load}: ${c.ratio.toFixed(2)}× of ${c.events} events`,
      }));
      console.log(rows.map((r) => r.row).join('\n'));
      expect(rows.filter((r) => r.ratio < ESTIMATE_BAND[0] || r.ratio > ESTIMATE_BAND[1]).map((r) => r.row)).toEqual([]);
    }, 120_000);
}
