// `network:` — delay and loss, and where nodes sit: zones (a count placed round-robin, or an
// explicit map), the delay between zones (one distribution or one per pair), and named presets.
import * as z from 'zod';
import { PRESET_NAMES } from '../net/presets.js';
import { durationDist, expecting, intIn, nodeId, probability } from './fields.js';

/** Zone names: letters, digits and '_' ('-' joins two names into a pair, as in `a-b`). */
const ZONE_NAME = /^[A-Za-z0-9_]+$/;
const PAIR = /^([A-Za-z0-9_]+)-([A-Za-z0-9_]+)$/;
export const parsePair = (key: string): [string, string] | null => {
  const m = PAIR.exec(key);
  return m ? [m[1], m[2]] : null;
};

const zoneMap = z.record(
  z.string().regex(ZONE_NAME, { error: "a zone name is letters, digits or '_'" }),
  z.array(nodeId(), { error: expecting('a list of node ids, e.g. [0, 1]') }).min(1, { error: 'a zone needs at least one node' }),
  { error: expecting('a zone count (nodes placed round-robin) or a map such as { a: [0, 1], b: [2, 3], c: [4] }') },
);

const zonesField = () =>
  z
    .union([intIn(1, 1000), zoneMap], {
      error: expecting('a zone count (nodes placed round-robin) or a map such as { a: [0, 1], b: [2, 3], c: [4] }'),
    })
    .describe('a zone count (nodes placed round-robin over zones a, b, c, ...) or a map of zone → node ids');

const pairMap = z.record(z.string().regex(PAIR, { error: 'a zone pair is written a-b' }), durationDist());

const networkShape = {
  delay: durationDist().optional().describe('within a zone; default lognormal median 500us p99 2ms, or the preset'),
  loss: probability().default(0).describe('the chance that any one message is lost (client requests and replies too)'),
  zones: zonesField().optional(),
  between: z.union([durationDist(), pairMap]).optional().describe('delay between zones: one distribution, or one per pair { a-b: ... }'),
  preset: z.enum(PRESET_NAMES).optional().describe('measured delays to start from (zones and their delays); keys set in the file win'),
};

export const networkSchema = z.strictObject(networkShape);
export type ParsedNetwork = z.output<typeof networkSchema>;
