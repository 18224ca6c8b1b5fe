// The network as the engine runs it: the preset's numbers under whatever the file sets itself,
// zones resolved to a zone per node, and a delay distribution for every pair of zones.
import { NETWORK_PRESETS, type NetworkPreset } from '../net/presets.js';
import { checkDist, type Report } from './check-util.js';
import { parsePair, type ParsedNetwork } from './network-schema.js';
import type { DistSpec, NetworkSpec, ZoneSpec } from './scenario.js';

const LAN: DistSpec = { dist: 'lognormal', median: 500, p99: 2000 };

/** Zone names for a count: a, b, ..., z, then aa, ab, ... */
function zoneNames(count: number): string[] {
  const name = (i: number): string => (i < 26 ? String.fromCharCode(97 + i) : name(Math.floor(i / 26) - 1) + name(i % 26));
  return Array.from({ length: count }, (_, i) => name(i));
}

export function normalizeNetwork(n: ParsedNetwork, nodes: number, report: Report): NetworkSpec {
  const preset: NetworkPreset | undefined = n.preset ? NETWORK_PRESETS[n.preset] : undefined;
  const delay = n.delay ?? preset?.delay ?? LAN;
  checkDist(['network', 'delay'], delay, report);
  const placed = placeZones(n, nodes, preset, report);
  if (placed === null) {
    if (n.between !== undefined)
      report(['network', 'between'], 'needs network.zones: the delay between zones applies once nodes are placed in zones');
    return { delay, loss: n.loss };
  }
  const between = pairDelays(n, placed.names, preset, delay, report);
  return { delay, loss: n.loss, zones: { ...placed, between } };
}

function placeZones(n: ParsedNetwork, nodes: number, preset: NetworkPreset | undefined, report: Report): Omit<ZoneSpec, 'between'> | null {
  const zones = n.zones ?? (preset && preset.zones > 0 ? Math.min(preset.zones, nodes) : undefined);
  if (zones === undefined) return null;
  if (typeof zones === 'number') {
    if (zones > nodes) report(['network', 'zones'], `must be at most nodes (${nodes}): every zone needs a node (got ${zones})`);
    return { names: zoneNames(zones), of: Array.from({ length: nodes }, (_, node) => node % zones) };
  }
  const names = Object.keys(zones);
  const of = new Array<number>(nodes).fill(-1);
  names.forEach((name, z) =>
    zones[name].forEach((node, i) => {
      const where = ['network', 'zones', name, i];
      if (node >= nodes) report(where, `node ${node} does not exist: node ids are 0..${nodes - 1} (architecture.nodes is ${nodes})`);
      else if (of[node] >= 0) report(where, `node ${node} is in zone ${names[of[node]]} already: a node sits in one zone`);
      else of[node] = z;
    }),
  );
  const missing = of.flatMap((z, node) => (z < 0 ? [node] : []));
  if (missing.length > 0)
    report(['network', 'zones'], `every node needs a zone: node${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in none`);
  return { names, of };
}

/** `between` is one distribution for every pair (a pair map's keys are a-b, never `dist`). */
function isOneDist(b: DistSpec | Record<string, DistSpec>): b is DistSpec {
  return typeof b.dist === 'string';
}

/** A symmetric matrix (i × zones + j) of the delays between zones i ≠ j. */
function pairDelays(n: ParsedNetwork, names: string[], preset: NetworkPreset | undefined, delay: DistSpec, report: Report): DistSpec[] {
  const count = names.length;
  const matrix = new Array<DistSpec>(count * count).fill(delay);
  const set = (i: number, j: number, d: DistSpec) => (matrix[i * count + j] = matrix[j * count + i] = d);
  const pairs = (what: string, each: (i: number, j: number) => DistSpec | undefined) => {
    for (let i = 0; i < count; i++)
      for (let j = i + 1; j < count; j++) {
        const d = each(i, j);
        if (d === undefined) report(['network', 'between'], `has no delay for the pair ${names[i]}-${names[j]}: ${what}`);
        else set(i, j, d);
      }
  };
  const b = n.between;
  if (b !== undefined && isOneDist(b)) {
    checkDist(['network', 'between'], b, report);
    pairs('', () => b);
  } else if (b !== undefined) {
    const given = new Map<string, DistSpec>();
    for (const [key, d] of Object.entries(b)) {
      const [x, y] = parsePair(key) ?? ['', ''];
      const i = names.indexOf(x);
      const j = names.indexOf(y);
      if (i < 0 || j < 0 || i === j)
        report(['network', 'between', key], `must name two different zones of ${names.join(', ')} (got '${key}')`);
      else given.set(`${Math.min(i, j)}-${Math.max(i, j)}`, d);
      checkDist(['network', 'between', key], d, report);
    }
    pairs('give one for every pair of zones', (i, j) => given.get(`${i}-${j}`));
  } else if (preset) {
    const p = preset.between;
    pairs(`the preset ${n.preset} has delays for its ${preset.zones} zones only`, (i, j) => ('any' in p ? p.any : p.pairs[`${i}-${j}`]));
  }
  return matrix;
}
