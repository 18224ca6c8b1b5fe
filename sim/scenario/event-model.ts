// The engine events a run will process, estimated from the model before anything is built. An
// engine event is one pop of the event queue. Each kind's descriptor says what its nodes do (its
// `cost`: sim/architectures/kind.ts, the maths kinds share in sim/architectures/cost-model.ts);
// here is what every kind shares:
//   - a client op is about 4 events (arrival or think, delivery, the CPU job, the reply);
//   - a closed loop or an overloaded open loop pushes no more through than the kind's
//     capacity (capacity_ops_s for leader kinds, what every CPU serves for the others); what an
//     open loop offers beyond it still arrives and is refused or times out;
//   - the steady state lasts the run; the boot starts every node and elects, and each crash or
//     recovery sets off what the kind says.
// sim/scenario/event-model*.test.ts holds the estimate within 0.5–3× of real runs of every kind
// from 3 to 1000 nodes.
import { LEADERLESS_FAULT_EVENTS, perSecond } from '../architectures/cost-model.js';
import type { ModelCosts } from '../architectures/kind.js';
import { descriptorOf } from '../architectures/registry.js';
import { meanOf } from '../core/distributions.js';
import { MAX_BUSY_DOUBLINGS } from '../engine/clients.js';
import type { Scenario } from './scenario.js';

const CLIENT_EVENTS_PER_OP = 4;

function modelCosts(s: Scenario): ModelCosts {
  return {
    service: meanOf(s.cpu.service),
    perMessage: s.cpu.perMessage,
    perEntry: s.cpu.perEntry,
    fsync: s.disk ? meanOf(s.disk.fsync) : 0,
    delay: meanOf(s.network.delay),
    writes: s.workload.writes,
  };
}

export interface LoadEstimate {
  /** Ops a second the clients offer (a closed loop: as many as it would at light load). */
  offered: number;
  /** Ops a second the nodes serve. */
  served: number;
  /** Engine events a second. */
  events: number;
}

/** Ops and events a second of one run in its steady state. */
export function steadyLoad(s: Scenario): LoadEstimate {
  const a = s.architecture;
  const kind = descriptorOf(a.kind);
  const c = modelCosts(s);
  const capacity = Math.max(0, kind.cost.capacity?.(a, c) ?? kind.capacity?.(a, c) ?? Infinity);
  const arrival = s.workload.arrival;
  let offered: number;
  if (arrival.kind === 'poisson') offered = arrival.ratePerSecond;
  else {
    const cycle = arrival.think + 2 * c.delay + c.service + (kind.cost.innerLatency?.(a, c) ?? 0);
    offered = arrival.clients * perSecond(cycle);
  }
  const served = Math.min(offered, capacity);
  // What a loop offers beyond capacity still costs about a client op each: turned away at once,
  // or left to time out (the node's CPU does no more than capacity either way). A closed-loop
  // client turned away backs off before its next op, longer after each refusal in a row.
  const beyond = offered - served;
  let unserved = 0;
  if (arrival.kind === 'poisson') unserved = beyond;
  else if (kind.cost.refusesOverload?.(a) && served > 0) {
    // each client succeeds once every clients/served seconds, or not at all in a short run
    const window = Math.min((arrival.clients * 1e6) / served, s.duration);
    const refusals = refusalsPerSuccess(window, arrival.think + 2 * c.delay, s.workload.retries.backoff);
    unserved = Math.min(beyond, (arrival.clients * refusals * 1e6) / window);
  }
  const events = CLIENT_EVENTS_PER_OP * (served + unserved) + kind.cost.nodeEvents(a, c, served);
  return { offered, served, events };
}

/**
 * Busy answers a closed-loop client gets between two successes, when each of them gets one every
 * `between` µs: each refusal costs it `cycle` µs and a backoff that doubles after each one in a
 * row, up to 2^MAX_BUSY_DOUBLINGS × `backoff` (sim/engine/clients.ts).
 */
function refusalsPerSuccess(between: number, cycle: number, backoff: number): number {
  let spent = 0;
  for (let refusals = 0; refusals <= MAX_BUSY_DOUBLINGS; refusals++) {
    const next = cycle + backoff * 2 ** refusals;
    if (spent + next > between) return refusals + (between - spent) / Math.max(1, next);
    spent += next;
  }
  return MAX_BUSY_DOUBLINGS + 1 + (between - spent) / Math.max(1, cycle + backoff * 2 ** MAX_BUSY_DOUBLINGS);
}

/**
 * Client events while the boot's first election is under way: a closed-loop client told there is
 * no leader retries after its backoff and, its retries spent, sends its next op at once, as fast
 * as the nodes can answer (an answer costs a node about a request's service time).
 */
function bootSpin(s: Scenario): number {
  const arrival = s.workload.arrival;
  const leaderless = descriptorOf(s.architecture.kind).cost.leaderlessAtBoot?.(s.architecture) ?? 0;
  if (arrival.kind !== 'closed' || leaderless <= 0) return 0;
  const c = modelCosts(s);
  const { max, backoff } = s.workload.retries;
  const attempt = 2 * c.delay + c.service;
  const op = arrival.think + (max + 1) * attempt + backoff * (2 ** max - 1);
  const clients = (arrival.clients * (max + 1)) / Math.max(1, op);
  const nodes = s.architecture.nodes / Math.max(1, c.service);
  return CLIENT_EVENTS_PER_OP * Math.min(clients, nodes) * leaderless;
}

/** Engine events of one run: its steady state over the duration, the boot (every node's start
 *  and the first elections) and what each of `faultActions` crashes and recoveries sets off. */
export function runEvents(s: Scenario, faultActions: number): number {
  const a = s.architecture;
  const { cost } = descriptorOf(a.kind);
  const boot = a.nodes + (cost.startupEvents?.(a) ?? 0) + bootSpin(s);
  return steadyLoad(s).events * (s.duration / 1e6) + boot + faultActions * (cost.faultEvents?.(a) ?? LEADERLESS_FAULT_EVENTS);
}
