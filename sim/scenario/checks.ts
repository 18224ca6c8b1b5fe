// Checks that span several keys (a quorum against the replica count, a fault's node against
// the cluster size), and the normalization into the engine's Scenario. They run only once
// every field is valid on its own, so each message can quote the other key's value.
import * as z from 'zod';
import { descriptorOf } from '../architectures/registry.js';
import { checkDist, type Path, type Report } from './check-util.js';
import { normalizeNetwork } from './network-checks.js';
import type { ParsedScenario } from './schema.js';
import type { ArchitectureSpec, CrashTarget, DistSpec, FaultSpec, NetworkSpec, Scenario } from './scenario.js';
import { formatDuration as fmt } from './units.js';

/** The transform at the end of the scenario schema: cross-field checks, then normalization. */
export function checkAndNormalize(parsed: ParsedScenario, ctx: z.core.$RefinementCtx<ParsedScenario>): Scenario {
  let failed = false;
  const report: Report = (path, message) => {
    failed = true;
    ctx.issues.push({ code: 'custom', message, input: undefined, path });
  };
  const architecture = resolveArchitecture(parsed.architecture);
  checkTimes(parsed, report);
  checkArchitecture(architecture, report);
  checkDists(parsed, report);
  const network = normalizeNetwork(parsed.network, architecture.nodes, report);
  parsed.faults.forEach((fault, i) => checkFault(fault, ['faults', i], parsed, architecture, network.zones?.names ?? [], report));
  checkAlerts(parsed, architecture, report);
  if (failed) return z.NEVER;
  return normalize(parsed, architecture, network);
}

/** Fills the defaults that depend on other keys (shards, replication, replicas, quorums). */
function resolveArchitecture(a: ParsedScenario['architecture']): ArchitectureSpec {
  return descriptorOf(a.kind).resolve(a);
}

function checkTimes(s: ParsedScenario, report: Report): void {
  if (s.warmup >= s.duration)
    report(['warmup'], `must be shorter than duration (${fmt(s.duration)}): the warmup is left out of the summary (got ${fmt(s.warmup)})`);
  if (s.bucket > s.duration) report(['bucket'], `must be at most duration (${fmt(s.duration)}) (got ${fmt(s.bucket)})`);
}

function checkArchitecture(a: ArchitectureSpec, report: Report): void {
  const at = (key: string): Path => ['architecture', key];
  if ('electionTimeout' in a) {
    const [min, max] = a.electionTimeout;
    if (min > max) report(at('electionTimeout'), `must be [min, max] with min <= max (got [${fmt(min)}, ${fmt(max)}])`);
    else if (a.heartbeat >= min)
      report(
        at('heartbeat'),
        `must be shorter than the minimum election timeout (${fmt(min)}), or followers call elections while the leader is alive (got ${fmt(a.heartbeat)})`,
      );
  }
  descriptorOf(a.kind).check?.(a, (key, message) => report(at(key), message));
}

/** Network delays are checked where the network is normalized. */
function checkDists(s: ParsedScenario, report: Report): void {
  const dists: [Path, DistSpec][] = [[['cpu', 'service'], s.cpu.service]];
  if (s.disk) dists.push([['disk', 'fsync'], s.disk.fsync]);
  for (const [path, d] of dists) checkDist(path, d, report);
}

type ParsedFault = ParsedScenario['faults'][number];

function checkFault(f: ParsedFault, path: Path, s: ParsedScenario, a: ArchitectureSpec, zones: string[], report: Report): void {
  const node = (id: number, where: Path) => {
    if (id >= a.nodes) report(where, `node ${id} does not exist: node ids are 0..${a.nodes - 1} (architecture.nodes is ${a.nodes})`);
  };
  if ('at' in f && f.at >= s.duration)
    report(
      [...path, 'at'],
      `is not before the end of the run (duration ${fmt(s.duration)}), so the fault would never happen (got ${fmt(f.at)})`,
    );
  if ('crash' in f) checkCrashTarget(f.crash, [...path, 'crash'], a, zones, node, report);
  if ('slow' in f) node(f.slow, [...path, 'slow']);
  if ('cut' in f)
    for (const side of ['from', 'to'] as const)
      f.cut[side].forEach((member, j) => {
        const where = [...path, 'cut', side, j];
        if (typeof member === 'number') node(member, where);
        else if (leaderless(a)) report(where, `a ${a.kind} has no leader: name node ids instead`);
      });
  if ('clockJump' in f) {
    if (f.clockJump !== 'leader') node(f.clockJump, [...path, 'clockJump']);
    else if (leaderless(a)) report([...path, 'clockJump'], `a ${a.kind} has no leader: name a node id instead`);
  }
  if ('partition' in f) {
    const groupOf = new Map<number, number>();
    f.partition.forEach((group, g) =>
      group.forEach((id, j) => {
        const where = [...path, 'partition', g, j];
        if (id === 'leader') {
          if (leaderless(a)) report(where, `a ${a.kind} has no leader: name node ids instead`);
          return;
        }
        const earlier = groupOf.get(id);
        if (earlier === g) report(where, `node ${id} is listed twice in group ${g}: name each node once`);
        else if (earlier !== undefined) report(where, `node ${id} is in more than one group (groups ${earlier} and ${g})`);
        groupOf.set(id, g);
        node(id, where);
      }),
    );
  }
}

function checkAlerts(s: ParsedScenario, a: ArchitectureSpec, report: Report): void {
  const seen = new Set<string>();
  s.alerts?.forEach((rule, i) => {
    if (seen.has(rule.name)) report(['alerts', i, 'name'], `'${rule.name}' names another alert already: each alert needs its own name`);
    seen.add(rule.name);
    if (rule.when.condition.metric === 'leader' && leaderless(a))
      report(['alerts', i, 'when'], `a ${a.kind} has no leader to watch: use error_rate, latency_p99_ms or throughput_ops_s`);
  });
}

const leaderless = (a: ArchitectureSpec) => descriptorOf(a.kind).leaderGroups(a) === 0;

function checkCrashTarget(
  target: CrashTarget,
  where: Path,
  a: ArchitectureSpec,
  zones: string[],
  node: (id: number, where: Path) => void,
  report: Report,
): void {
  if (typeof target === 'number') node(target, where);
  else if (typeof target === 'object' && 'zone' in target) {
    if (zones.length === 0) report(where, `zone:${target.zone} needs network.zones (or a preset with zones)`);
    else if (!zones.includes(target.zone)) report(where, `zone ${target.zone} does not exist: the zones are ${zones.join(', ')}`);
  } else if (target === 'leader' && leaderless(a))
    report(where, `a ${a.kind} has no leader: crash a node id or random instead (a variant can have faults of its own)`);
  else if (typeof target === 'object') {
    const shards = descriptorOf(a.kind).shards?.(a);
    if (shards === undefined) report(where, `shard:${target.shardLeader}/leader needs a sharded-raft architecture (this one is ${a.kind})`);
    else if (target.shardLeader >= shards)
      report(where, `shard ${target.shardLeader} does not exist: shards are 0..${shards - 1} (architecture.shards is ${shards})`);
  }
}

function normalize(s: ParsedScenario, architecture: ArchitectureSpec, network: NetworkSpec): Scenario {
  const w = s.workload;
  return {
    name: s.name ?? '',
    description: s.description,
    seed: s.seed,
    duration: s.duration,
    warmup: s.warmup,
    bucket: s.bucket,
    trials: s.trials,
    architecture,
    network,
    cpu: s.cpu,
    ...(s.disk ? { disk: s.disk } : {}),
    ...(s.clocks ? { clocks: s.clocks } : {}),
    workload: {
      arrival: w.arrival.kind === 'poisson' ? { kind: 'poisson', ratePerSecond: w.arrival.rate } : w.arrival,
      writes: w.writes,
      keys: w.keys.dist === 'uniform' ? { dist: 'uniform', count: w.keys.count } : w.keys,
      timeout: w.timeout,
      retries: w.retries,
      ...opt('sessions', w.sessions),
    },
    faults: s.faults.map(toFaultSpec),
    ...(s.alerts ? { alerts: s.alerts.map((rule) => ({ ...rule, when: rule.when.text, condition: rule.when.condition })) } : {}),
  };
}

function toFaultSpec(f: ParsedFault): FaultSpec {
  if ('crash' in f) return { type: 'crash', at: f.at, target: f.crash, ...opt('recoverAfter', f.recoverAfter) };
  if ('partition' in f) return { type: 'partition', at: f.at, groups: f.partition, ...opt('healAfter', f.healAfter) };
  if ('slow' in f) return { type: 'slow', at: f.at, node: f.slow, factor: f.factor, ...opt('for', f.for) };
  if ('clockJump' in f) return { type: 'clockJump', at: f.at, node: f.clockJump, by: f.by };
  if ('cut' in f) return { type: 'cut', at: f.at, from: f.cut.from, to: f.cut.to, ...opt('healAfter', f.healAfter) };
  return { type: 'random', mtbf: f.random.mtbf, mttr: f.random.mttr };
}

/** Leaves an absent optional key out, so normalized scenarios compare and serialize cleanly. */
function opt<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
