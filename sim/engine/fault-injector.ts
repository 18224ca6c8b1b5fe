// Fires the fault plan into the running simulation: crashes and recoveries, partitions and
// heals, slow nodes. It resolves 'leader' and 'random' targets at the moment the fault fires,
// and tells the failover tracker when a fault has taken away what clients depend on.
import { stream, type Random } from '../core/rng.js';
import { planFaults, type FaultAction } from '../faults/fault-plan.js';
import type { CrashTarget, CutMember, Micros, PartitionMember, Scenario } from '../scenario/scenario.js';
import { Ev } from './events.js';
import type { Simulation } from './simulation.js';

export class FaultInjector {
  private readonly actions: FaultAction[];
  private readonly targets: Random;
  /** The links each cut action took down, by its index, for its heal. */
  private readonly cutLinks = new Map<number, { from: number[]; to: number[] }>();

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    seed: number,
  ) {
    this.actions = planFaults(scenario, sim.up.length, seed);
    this.targets = stream(seed, 'faults/targets');
  }

  start(): void {
    this.actions.forEach((action, i) => this.sim.queue.push(action.at, Ev.Fault, i, 0, 0));
  }

  fire(now: Micros, index: number): void {
    const action = this.actions[index];
    const m = this.sim.metrics;
    switch (action.type) {
      case 'crash': {
        const nodes = this.resolveAll(action.target).filter((node) => this.sim.isUp(node));
        if (nodes.length === 0) return;
        const until = action.recoverAfter === undefined ? null : now + action.recoverAfter;
        m.fault({
          at_ms: now / 1000,
          until_ms: until === null ? null : until / 1000,
          label: `${action.label}${typeof action.target === 'number' ? '' : ` (node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')})`}`,
        });
        for (const node of nodes) this.openFailoverIfServingNode(now, node);
        for (const node of nodes) {
          this.sim.crash(now, node);
          if (until !== null) this.sim.queue.push(until, Ev.Recover, node, 0, 0);
        }
        return;
      }
      case 'recover':
        return this.sim.recover(now, action.node);
      case 'partition': {
        const groups = this.resolveGroups(action.groups);
        m.fault({ at_ms: now / 1000, until_ms: this.untilOf(index, 'heal'), label: `partition ${JSON.stringify(groups)}`, sides: groups });
        this.sim.network.partition(groups);
        for (const group of m.roles.ledGroups()) {
          const leader = m.roles.leaderOf(group);
          if (this.sim.network.sideSize(leader) <= this.sim.up.length / 2)
            m.failovers.faultHitLeader(now, m.roles.termOf(group), group, leader);
        }
        return;
      }
      case 'heal':
        return this.sim.network.heal();
      case 'slow':
        m.fault({ at_ms: now / 1000, until_ms: this.untilOf(index, 'unslow', action.node), label: action.label });
        this.sim.slowFactor[action.node] = action.factor;
        // a slow leader may be deposed (or keep leading, slowly: then the failover closes at its next commit)
        for (const group of m.roles.groupsLedBy(action.node)) m.failovers.faultHitLeader(now, m.roles.termOf(group), group, action.node);
        return;
      case 'unslow':
        this.sim.slowFactor[action.node] = 1;
        return;
      case 'cut': {
        const from = this.resolveSide(action.from);
        const to = this.resolveSide(action.to);
        this.cutLinks.set(index, { from, to });
        m.fault({ at_ms: now / 1000, until_ms: this.healOf(index), label: `cut ${JSON.stringify(from)} → ${JSON.stringify(to)}` });
        this.sim.network.cut(from, to);
        this.openFailoverIfLeaderCut(now);
        return;
      }
      case 'uncut': {
        const links = this.cutLinks.get(action.cut);
        if (links) this.sim.network.cut(links.from, links.to, -1);
        return;
      }
      case 'clockJump': {
        const node = this.resolve(action.node);
        if (node < 0) return;
        m.fault({ at_ms: now / 1000, until_ms: null, label: `${action.label}${action.node === 'leader' ? ` (node ${node})` : ''}` });
        return this.sim.clocks.jump(node, action.by);
      }
    }
  }

  /** A crash opens a failover for every group it takes the leader of (sharded-raft: all the
   *  shards the node led), or — without leaders — for the node itself. */
  private openFailoverIfServingNode(now: Micros, node: number): void {
    const m = this.sim.metrics;
    if (!m.hasLeader) m.failovers.faultHitLeader(now, -1);
    else for (const group of m.roles.groupsLedBy(node)) m.failovers.faultHitLeader(now, m.roles.termOf(group), group, node);
  }

  /** The nodes a crash takes down: one, or every node of a zone. */
  private resolveAll(target: CrashTarget): number[] {
    if (typeof target === 'object' && 'zone' in target) return this.sim.network.zoneMembers(this.scenario, target.zone);
    const node = this.resolve(target);
    return node < 0 ? [] : [node];
  }

  private resolve(target: Exclude<CrashTarget, { zone: string }>): number {
    if (typeof target === 'number') return target;
    if (target === 'leader') return this.sim.metrics.roles.leader;
    if (target === 'random') {
      const live = [];
      for (let node = 0; node < this.sim.up.length; node++) if (this.sim.isUp(node)) live.push(node);
      return live.length === 0 ? -1 : live[Math.floor(this.targets() * live.length)];
    }
    return this.sim.metrics.roles.leaderOf(target.shardLeader);
  }

  /** `leader` is whoever leads now; `others` every node but that leader. */
  private resolveSide(side: readonly CutMember[]): number[] {
    const leader = this.sim.metrics.roles.leader;
    const nodes = new Set<number>();
    for (const member of side) {
      if (typeof member === 'number') nodes.add(member);
      else if (member === 'leader') {
        if (leader >= 0) nodes.add(leader);
      } else for (let node = 0; node < this.sim.up.length; node++) if (node !== leader) nodes.add(node);
    }
    return [...nodes].sort((a, b) => a - b);
  }

  /** A cut that leaves a leader without a majority it can both reach and hear opens a failover. */
  private openFailoverIfLeaderCut(now: Micros): void {
    const m = this.sim.metrics;
    const net = this.sim.network;
    for (const group of m.roles.ledGroups()) {
      const leader = m.roles.leaderOf(group);
      let both = 0;
      for (let node = 0; node < this.sim.up.length; node++) if (net.connected(leader, node) && net.connected(node, leader)) both++;
      if (both <= this.sim.up.length / 2) m.failovers.faultHitLeader(now, m.roles.termOf(group), group, leader);
    }
  }

  private healOf(index: number): number | null {
    const heal = this.actions.find((a) => a.type === 'uncut' && a.cut === index);
    return heal ? heal.at / 1000 : null;
  }

  /** `leader` in a partition group means whoever leads now; it is taken out of any other group. */
  private resolveGroups(groups: PartitionMember[][]): number[][] {
    const leader = this.sim.metrics.roles.leader;
    return groups.map((group) =>
      group.flatMap((member) => {
        if (member === 'leader') return leader >= 0 ? [leader] : [];
        return member === leader && groups.some((g) => g.includes('leader')) ? [] : [member];
      }),
    );
  }

  /** When the matching end action (heal, unslow) fires, for the chart's shaded band. */
  private untilOf(index: number, type: 'heal' | 'unslow', node?: number): number | null {
    for (let i = index + 1; i < this.actions.length; i++) {
      const a = this.actions[i];
      if (a.type === type && (node === undefined || (a.type === 'unslow' && a.node === node))) return a.at / 1000;
    }
    return null;
  }
}
