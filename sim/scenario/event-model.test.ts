// The event estimate against real runs, for the kinds without a replicated log (see
// test/estimate-grid.ts; the Raft-based kinds are in event-model-leaders.test.ts, so that the
// two halves run side by side).
import { describe } from 'vitest';
import { estimateGridTests } from '../../test/estimate-grid.js';

describe('the event estimate of the other kinds', () => estimateGridTests(['stateless-lb', 'active-passive', 'leaderless-quorum']));
