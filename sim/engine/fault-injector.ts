// Fires the fault plan into the running simulation: crashes and recoveries, partitions and
// heals, slow nodes, clock jumps. Targets resolve through the engine's view of the cluster when the fault
// fires, and a fault that takes away what clients depend on (a group's leader, or — without
// leaders — a serving node) is published as a loss, for whoever measures failovers.
import { stream, type Random } from '../core/rng.js';
import { planFaults, type FaultAction } from '../faults/fault-plan.js';
import type { CutMember, Micros, Scenario } from '../scenario/scenario.js';
import { Ev } from './events.js';
import type { Simulation } from './simulation.js';
import { resolveSides, resolveTarget, type Target, type TargetContext } from './targets.js';

export class FaultInjector {
  private readonly actions: FaultAction[];
  private readonly targets: Random;
  /** The links each cut action took down, by its index, for its heal. */
  private readonly cutLinks = new Map<number, { from: number[]; to: number[] }>();

  private readonly ctx: TargetContext;

  constructor(
    private readonly sim: Simulation,
    scenario: Scenario,
    seed: number,
  ) {
    this.actions = planFaults(scenario, sim.cluster.nodes, seed);
    this.targets = stream(seed, 'faults/targets');
    this.ctx = { cluster: sim.cluster, random: this.targets, zoneMembers: (zone) => sim.network.zoneMembers(scenario, zone) };
  }

  start(): void {
    this.actions.forEach((action, i) => this.sim.queue.push(action.at, Ev.Fault, i, 0, 0));
  }

  fire(now: Micros, index: number): void {
    const action = this.actions[index];
    const { cluster, metrics, network } = this.sim;
    switch (action.type) {
      case 'crash': {
        const nodes = this.resolve(action.target).filter((node) => cluster.isUp(node));
        if (nodes.length === 0) return;
        const until = action.recoverAfter === undefined ? null : now + action.recoverAfter;
        const named = typeof action.target === 'number' ? '' : ` (node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')})`;
        metrics.fault({ at_ms: now / 1000, until_ms: ms(until), label: `${action.label}${named}` });
        for (const node of nodes) this.crashLosses(now, node);
        for (const node of nodes) {
          this.sim.crash(now, node);
          if (until !== null) this.sim.queue.push(until, Ev.Recover, node, 0, 0);
        }
        return;
      }
      case 'recover':
        return this.sim.recover(now, action.node);
      case 'partition': {
        const sides = resolveSides(action.groups, this.ctx);
        const until = this.untilOf(index, 'heal');
        metrics.fault({ at_ms: now / 1000, until_ms: ms(until), label: `partition ${JSON.stringify(sides)}`, sides });
        network.partition(sides);
        for (const group of cluster.ledGroups()) if (this.stranded(group)) this.leaderLost(now, group);
        return;
      }
      case 'heal':
        return network.heal();
      case 'slow': {
        const until = this.untilOf(index, 'unslow', action.node);
        metrics.fault({ at_ms: now / 1000, until_ms: ms(until), label: action.label });
        this.sim.slowFactor[action.node] = action.factor;
        // a slow leader may be deposed (or keep leading, slowly: then the failover closes when it next serves)
        for (const group of cluster.groupsLedBy(action.node)) this.leaderLost(now, group);
        return;
      }
      case 'unslow':
        this.sim.slowFactor[action.node] = 1;
        return;
      case 'cut': {
        const from = this.resolveSide(action.from);
        const to = this.resolveSide(action.to);
        this.cutLinks.set(index, { from, to });
        metrics.fault({
          at_ms: now / 1000,
          until_ms: ms(this.healOf(index)),
          label: `cut ${JSON.stringify(from)} → ${JSON.stringify(to)}`,
        });
        network.cut(from, to);
        for (const group of cluster.ledGroups()) if (this.stranded(group)) this.leaderLost(now, group);
        return;
      }
      case 'uncut': {
        const links = this.cutLinks.get(action.cut);
        if (links) network.cut(links.from, links.to, -1);
        return;
      }
      case 'clockJump': {
        const [node] = this.resolve(action.node);
        if (node === undefined) return;
        metrics.fault({
          at_ms: now / 1000,
          until_ms: null,
          label: `${action.label}${action.node === 'leader' ? ` (node ${node})` : ''}`,
          instant: true,
        });
        return this.sim.clocks.jump(node, action.by);
      }
    }
  }

  private resolve(target: Target): number[] {
    return resolveTarget(target, this.ctx);
  }

  /** A crash takes away every group the node leads (sharded-raft: all its shards), or —
   *  without leaders — the node itself. */
  private crashLosses(now: Micros, node: number): void {
    if (this.sim.cluster.groups.length === 0) return this.sim.observers.lost(now, { group: -1, node, term: -1 });
    for (const group of this.sim.cluster.groupsLedBy(node)) this.leaderLost(now, group);
  }

  private leaderLost(now: Micros, group: number): void {
    const cluster = this.sim.cluster;
    this.sim.observers.lost(now, { group, node: cluster.leaderOf(group), term: cluster.termOf(group) });
  }

  /** The group's leader no longer both reaches and hears a majority of the group's members
   *  (live ones; a partition cuts both ways, a one-way cut only one). */
  private stranded(group: number): boolean {
    const { cluster, network } = this.sim;
    const leader = cluster.leaderOf(group);
    const members = cluster.groups[group];
    const reachable = members.filter((m) => cluster.isUp(m) && network.connected(leader, m) && network.connected(m, leader)).length;
    return reachable <= members.length / 2;
  }

  /** One side of a cut: ids, `leader` (whoever leads now), `others` (every node but that leader). */
  private resolveSide(side: readonly CutMember[]): number[] {
    return [...new Set(side.flatMap((member) => this.resolve(member)))].sort((a, b) => a - b);
  }

  /** When the cut's heal fires (null: never). */
  private healOf(index: number): Micros | null {
    const heal = this.actions.find((a) => a.type === 'uncut' && a.cut === index);
    return heal ? heal.at : null;
  }

  /** When the matching end action (heal, unslow) fires (null: never). */
  private untilOf(index: number, type: 'heal' | 'unslow', node?: number): Micros | null {
    for (let i = index + 1; i < this.actions.length; i++) {
      const a = this.actions[i];
      if (a.type === type && (node === undefined || (a.type === 'unslow' && a.node === node))) return a.at;
    }
    return null;
  }
}

const ms = (micros: Micros | null) => (micros === null ? null : micros / 1000);
