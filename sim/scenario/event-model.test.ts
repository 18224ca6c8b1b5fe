// The event estimate against real runs, for every kind without a Raft log, a kind added to the
// registry included (see test/estimate-grid.ts; the Raft-based kinds are in
// event-model-leaders.test.ts, so that the two halves run side by side).
import { describe } from 'vitest';
import { KINDS } from '../architectures/registry.js';
import { estimateGridTests, RAFT_BASED } from '../../test/estimate-grid.js';

describe('the event estimate of the other kinds', () => estimateGridTests(KINDS.map((d) => d.kind).filter((k) => !RAFT_BASED.includes(k))));
