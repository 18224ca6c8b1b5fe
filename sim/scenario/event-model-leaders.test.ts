// The event estimate against real runs, for the kinds with a Raft log (see test/estimate-grid.ts).
import { describe } from 'vitest';
import { estimateGridTests, RAFT_BASED } from '../../test/estimate-grid.js';

describe('the event estimate of Raft-based kinds', () => estimateGridTests(RAFT_BASED));
