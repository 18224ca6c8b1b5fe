// Fires the fault plan into the running simulation: crashes and recoveries, partitions and
// heals, slow nodes, clock jumps. Targets resolve through the engine's view of the cluster when the fault
// fires, and a fault that takes away what clients depend on (a group's leader, or — without
// leaders — a serving node) is published as a loss, for whoever measures failovers. The injector
// sees the cluster through `FaultControl` only: what a fault may do to it, and what it may read.
import { stream, type Random } from '../core/rng.js';
import { planFaults, type FaultAction } from '../faults/fault-plan.js';
import type { FaultMarker } from '../metrics/run-result.js';
import type { Network } from '../net/network.js';
import type { CutMember, Micros, Scenario } from '../scenario/scenario.js';
import type { ClusterView } from './cluster.js';
import type { Loss } from './observers.js';
import { resolveSides, resolveTarget, type Target, type TargetContext } from './targets.js';

/** What a fault may do to the cluster (and read of it to aim); the engine implements it. */
export interface FaultControl {
  /** Who is up and who leads, when the fault fires. */
  readonly cluster: ClusterView;
  /** The links: a fault cuts and heals them, and reads which are up to tell a stranded leader. */
  readonly links: Pick<Network, 'connected' | 'partition' | 'heal' | 'cut'>;
  zoneMembers(zone: string): number[];
  /** Schedules action `index` of the plan to fire at `at`. */
  fireAt(at: Micros, index: number): void;
  crash(now: Micros, node: number): void;
  recover(now: Micros, node: number): void;
  recoverAt(at: Micros, node: number): void;
  /** Every job and send of `node` takes `factor` times as long (1: normal again). */
  slow(node: number, factor: number): void;
  jumpClock(node: number, by: Micros): void;
  /** Publishes the fault for the charts. */
  marked(marker: FaultMarker): void;
  /** Publishes a loss of what clients depend on, for the failover measurement. */
  lost(now: Micros, loss: Loss): void;
}

export class FaultInjector {
  private readonly actions: FaultAction[];
  private readonly targets: Random;
  /** The links each cut action took down, by its index, for its heal. */
  private readonly cutLinks = new Map<number, { from: number[]; to: number[] }>();

  private readonly ctx: TargetContext;

  constructor(
    private readonly control: FaultControl,
    scenario: Scenario,
    seed: number,
  ) {
    this.actions = planFaults(scenario, control.cluster.nodes, seed);
    this.targets = stream(seed, 'faults/targets');
    this.ctx = { cluster: control.cluster, random: this.targets, zoneMembers: (zone) => control.zoneMembers(zone) };
  }

  start(): void {
    this.actions.forEach((action, i) => this.control.fireAt(action.at, i));
  }

  fire(now: Micros, index: number): void {
    const action = this.actions[index];
    const control = this.control;
    const { cluster, links } = control;
    switch (action.type) {
      case 'crash': {
        const nodes = this.resolve(action.target).filter((node) => cluster.isUp(node));
        if (nodes.length === 0) return;
        const until = action.recoverAfter === undefined ? null : now + action.recoverAfter;
        const named = typeof action.target === 'number' ? '' : ` (node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')})`;
        control.marked({ at_ms: now / 1000, until_ms: ms(until), label: `${action.label}${named}` });
        for (const node of nodes) this.crashLosses(now, node);
        for (const node of nodes) {
          control.crash(now, node);
          if (until !== null) control.recoverAt(until, node);
        }
        return;
      }
      case 'recover':
        return control.recover(now, action.node);
      case 'partition': {
        const sides = resolveSides(action.groups, this.ctx);
        const until = this.untilOf(index, 'heal');
        control.marked({ at_ms: now / 1000, until_ms: ms(until), label: `partition ${JSON.stringify(sides)}`, sides });
        links.partition(sides);
        for (const group of cluster.ledGroups()) if (this.stranded(group)) this.leaderLost(now, group);
        return;
      }
      case 'heal':
        return links.heal();
      case 'slow': {
        const until = this.untilOf(index, 'unslow', action.node);
        control.marked({ at_ms: now / 1000, until_ms: ms(until), label: action.label });
        control.slow(action.node, action.factor);
        // a slow leader may be deposed (or keep leading, slowly: then the failover closes when it next serves)
        for (const group of cluster.groupsLedBy(action.node)) this.leaderLost(now, group);
        return;
      }
      case 'unslow':
        control.slow(action.node, 1);
        return;
      case 'cut': {
        const from = this.resolveSide(action.from);
        const to = this.resolveSide(action.to);
        this.cutLinks.set(index, { from, to });
        control.marked({
          at_ms: now / 1000,
          until_ms: ms(this.healOf(index)),
          label: `cut ${JSON.stringify(from)} → ${JSON.stringify(to)}`,
        });
        links.cut(from, to);
        for (const group of cluster.ledGroups()) if (this.stranded(group)) this.leaderLost(now, group);
        return;
      }
      case 'uncut': {
        const links = this.cutLinks.get(action.cut);
        if (links) this.control.links.cut(links.from, links.to, -1);
        return;
      }
      case 'clockJump': {
        const [node] = this.resolve(action.node);
        if (node === undefined) return;
        control.marked({
          at_ms: now / 1000,
          until_ms: null,
          label: `${action.label}${action.node === 'leader' ? ` (node ${node})` : ''}`,
          instant: true,
        });
        return control.jumpClock(node, action.by);
      }
    }
  }

  private resolve(target: Target): number[] {
    return resolveTarget(target, this.ctx);
  }

  /** A crash takes away every group the node leads (sharded-raft: all its shards), or —
   *  without leaders — the node itself. */
  private crashLosses(now: Micros, node: number): void {
    if (this.control.cluster.groups.length === 0) return this.control.lost(now, { group: -1, node, term: -1 });
    for (const group of this.control.cluster.groupsLedBy(node)) this.leaderLost(now, group);
  }

  private leaderLost(now: Micros, group: number): void {
    const cluster = this.control.cluster;
    this.control.lost(now, { group, node: cluster.leaderOf(group), term: cluster.termOf(group) });
  }

  /** The group's leader no longer both reaches and hears a majority of the group's members
   *  (live ones; a partition cuts both ways, a one-way cut only one). */
  private stranded(group: number): boolean {
    const { cluster, links } = this.control;
    const leader = cluster.leaderOf(group);
    const members = cluster.groups[group];
    const reachable = members.filter((m) => cluster.isUp(m) && links.connected(leader, m) && links.connected(m, leader)).length;
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
