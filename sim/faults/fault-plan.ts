// The fault schedule: scenario faults turned into timed actions the engine fires in order.
// Targets such as 'leader' or 'random' are resolved when the action fires, not when it is
// planned, because who leads at t=10s is only known then. Random MTBF/MTTR faults draw each
// node's crash/recover times from that node's own stream, so adding a node leaves every
// other node's failures where they were.
import { stream } from '../core/rng.js';
import type { CrashTarget, CutMember, Micros, PartitionMember, Scenario } from '../scenario/scenario.js';
import { formatDuration } from '../scenario/units.js';

export type FaultAction =
  | { at: Micros; type: 'crash'; target: CrashTarget; recoverAfter?: Micros; label: string }
  | { at: Micros; type: 'recover'; node: number; label: string }
  | { at: Micros; type: 'partition'; groups: PartitionMember[][]; label: string }
  | { at: Micros; type: 'heal'; label: string }
  | { at: Micros; type: 'slow'; node: number; factor: number; label: string }
  | { at: Micros; type: 'unslow'; node: number; label: string }
  | { at: Micros; type: 'clockJump'; node: number | 'leader'; by: Micros; label: string }
  | { at: Micros; type: 'cut'; from: CutMember[]; to: CutMember[]; label: string }
  /** Heals the cut planned as action `cut` of this plan (its index once sorted: see planFaults). */
  | { at: Micros; type: 'uncut'; cut: number; label: string };

/** Every planned action, in time order (stable for equal times: file order). */
export function planFaults(scenario: Scenario, nodes: number, seed: number): FaultAction[] {
  const actions: FaultAction[] = [];
  /** Each heal's cut, to name it by index once the plan is sorted. */
  const cutOf = new Map<{ cut: number }, FaultAction>();
  for (const fault of scenario.faults) {
    switch (fault.type) {
      case 'crash':
        actions.push({
          at: fault.at,
          type: 'crash',
          target: fault.target,
          recoverAfter: fault.recoverAfter,
          label: `crash ${targetLabel(fault.target)}`,
        });
        break;
      case 'partition':
        actions.push({ at: fault.at, type: 'partition', groups: fault.groups, label: `partition ${JSON.stringify(fault.groups)}` });
        if (fault.healAfter !== undefined) actions.push({ at: fault.at + fault.healAfter, type: 'heal', label: 'heal' });
        break;
      case 'slow':
        actions.push({
          at: fault.at,
          type: 'slow',
          node: fault.node,
          factor: fault.factor,
          label: `slow node ${fault.node} ×${fault.factor}`,
        });
        if (fault.for !== undefined)
          actions.push({ at: fault.at + fault.for, type: 'unslow', node: fault.node, label: `node ${fault.node} speed restored` });
        break;
      case 'cut': {
        const cut: FaultAction = {
          at: fault.at,
          type: 'cut',
          from: fault.from,
          to: fault.to,
          label: `cut ${JSON.stringify(fault.from)} → ${JSON.stringify(fault.to)}`,
        };
        actions.push(cut);
        if (fault.healAfter === undefined) break;
        const uncut = { at: fault.at + fault.healAfter, type: 'uncut' as const, cut: -1, label: 'cut healed' };
        actions.push(uncut);
        cutOf.set(uncut, cut);
        break;
      }
      case 'clockJump':
        actions.push({
          at: fault.at,
          type: 'clockJump',
          node: fault.node,
          by: fault.by,
          label: `clock of ${targetLabel(fault.node)} jumps ${formatDuration(fault.by)}`,
        });
        break;
      case 'random':
        for (let node = 0; node < nodes; node++) actions.push(...randomCrashes(node, fault.mtbf, fault.mttr, scenario.duration, seed));
        break;
    }
  }
  const sorted = actions
    .map((action, order) => ({ action, order }))
    .sort((x, y) => x.action.at - y.action.at || x.order - y.order)
    .map(({ action }) => action);
  for (const [uncut, cut] of cutOf) uncut.cut = sorted.indexOf(cut);
  return sorted;
}

function randomCrashes(node: number, mtbf: Micros, mttr: Micros, duration: Micros, seed: number): FaultAction[] {
  const rng = stream(seed, `faults/random/node/${node}`);
  const exp = (mean: number) => Math.round(-mean * Math.log(1 - rng()));
  const actions: FaultAction[] = [];
  for (let t = exp(mtbf); t < duration;) {
    const repair = Math.max(1, exp(mttr));
    actions.push({ at: t, type: 'crash', target: node, recoverAfter: repair, label: `crash node ${node} (random)` });
    t += repair + exp(mtbf);
  }
  return actions;
}

function targetLabel(target: CrashTarget): string {
  if (typeof target === 'number') return `node ${target}`;
  if (typeof target === 'string') return target;
  if ('zone' in target) return `zone ${target.zone}`;
  return `shard ${target.shardLeader} leader`;
}
