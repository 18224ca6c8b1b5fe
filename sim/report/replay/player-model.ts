// The replay page's model: the cluster's state at any instant of a recorded trace. It runs in
// the browser (the page embeds this function's source) and in tests. Self-contained on purpose:
// no imports but types, no module-level values, so `replayModel.toString()` is the whole of it.
import type { Trace } from '../../trace/trace.js';

interface NodeView {
  up: boolean;
  /** The role word drawn (leader if it leads any group). */
  role: string;
  term: number;
  /** Groups this node leads (sharded kinds). */
  leads: number[];
  last: number;
  commit: number;
  /** Soonest election deadline ahead and when that timer was last reset; -1 without one (and
   *  always while it leads: a timer probed before the win is stale once it has won). */
  timerStart: number;
  timerEnd: number;
  /** While a candidate or leader: the votes granted to it in its current term, its own
   *  included, and the votes it needs; -1 otherwise. */
  votes: number;
  quorum: number;
}

/** One answer to a vote request that has reached its candidate. */
interface Ballot {
  voter: number;
  candidate: number;
  group: number;
  term: number;
  granted: boolean;
  pre: boolean;
  /** When the voter answered. */
  t: number;
}

export interface ReplayModel {
  trace: Trace;
  /** Moves the state to instant t (µs); forward is incremental, backward replays from the start. */
  seek(t: number): void;
  now(): number;
  node(id: number): NodeView;
  /** The pairs of cut links now, flat. */
  cuts(): number[];
  /** Times (µs) of the faults and of election rounds and wins, for the controls' jumps. */
  faultTimes: number[];
  electionTimes: number[];
  /** Every state-change instant, sorted (step to the next event). */
  eventTimes: number[];
  /** The role of each group at node `id`, for the node panel: [group, role, term]. */
  groupRoles(id: number): [number, string, number][];
  /** Vote answers that have reached a node still campaigning or leading in the term they answer. */
  ballots(): Ballot[];
  /** Leader of each group now (-1: none, or its leader is down). */
  leaders(): number[];
  /** Where the page opens: the first fault less a short lead-in (the window's start without one). */
  openAt: number;
  /** Simulated µs the first failover takes (the run's measure, else read off the trace). */
  failoverSpan: number;
}

export function replayModel(trace: Trace): ReplayModel {
  const n = trace.nodes;
  const g = Math.max(1, trace.groups);
  const defaultRole = trace.hasLeader ? 0 : trace.roleNames.indexOf('serving');
  const up = new Uint8Array(n);
  const role = new Int8Array(n * g);
  const term = new Float64Array(n * g);
  const last = new Float64Array(n);
  const commit = new Float64Array(n);
  const tStart = new Float64Array(n * g);
  const tEnd = new Float64Array(n * g);
  let cutPairs: number[] = [];
  let t = -Infinity;
  let counted: Ballot[] | null = null;
  const V = 8; // numbers per vote record
  const quorumOf = (group: number) => trace.quorums[group] ?? 0;
  // cursors into the flat arrays, and their record sizes
  const streams: [number[], number, (at: number) => void][] = [
    [trace.roles, 5, (i) => setRole(trace.roles[i + 1], trace.roles[i + 2], trace.roles[i + 3], trace.roles[i + 4])],
    [trace.logs, 4, (i) => setLog(trace.logs, i)],
    [trace.timers, 5, (i) => setTimer(trace.timers, i)],
    [trace.updown, 3, (i) => (up[trace.updown[i + 1]] = trace.updown[i + 2])],
  ];
  const cursors = streams.map(() => 0);
  let cutCursor = 0;

  function setRole(node: number, group: number, r: number, tm: number): void {
    role[node * g + group] = r;
    term[node * g + group] = tm;
  }
  function setLog(a: number[], i: number): void {
    last[a[i + 1]] = a[i + 2];
    commit[a[i + 1]] = a[i + 3];
  }
  function setTimer(a: number[], i: number): void {
    const k = a[i + 1] * g + a[i + 2];
    tStart[k] = a[i + 3];
    tEnd[k] = a[i + 4];
  }
  function reset(): void {
    role.fill(defaultRole);
    term.fill(0);
    tStart.fill(-1);
    tEnd.fill(-1);
    for (let node = 0; node < n; node++) up[node] = trace.init.up[node];
    const r = trace.init.roles;
    for (let i = 0; i < r.length; i += 4) setRole(r[i], r[i + 1], r[i + 2], r[i + 3]);
    const l = trace.init.logs;
    for (let i = 0; i < l.length; i += 4) setLog(l, i);
    for (let i = 0; i < trace.init.timers.length; i += 5) setTimer(trace.init.timers, i);
    cutPairs = trace.init.cuts;
    cursors.fill(0);
    cutCursor = 0;
    t = trace.from;
  }
  function seek(to: number): void {
    if (to < t) reset();
    streams.forEach(([a, size, apply], s) => {
      let i = cursors[s];
      while (i < a.length && a[i] <= to) {
        apply(i);
        i += size;
      }
      cursors[s] = i;
    });
    while (cutCursor < trace.cuts.length && trace.cuts[cutCursor].t <= to) cutPairs = trace.cuts[cutCursor++].pairs;
    t = to;
    counted = null;
  }
  function ballots(): Ballot[] {
    if (counted !== null) return counted;
    const out: Ballot[] = [];
    const v = trace.votes;
    for (let i = 0; i < v.length && v[i] <= t; i += V) {
      if (v[i + 1] < 0 || v[i] + v[i + 1] > t) continue; // lost, or still on its way
      const k = v[i + 3] * g + v[i + 4];
      const r = role[k];
      const campaigning = v[i + 7] === 1 ? r === 0 && term[k] + 1 === v[i + 5] : (r === 1 || r === 2) && term[k] === v[i + 5];
      if (!campaigning || up[v[i + 3]] !== 1) continue;
      out.push({
        voter: v[i + 2],
        candidate: v[i + 3],
        group: v[i + 4],
        term: v[i + 5],
        granted: v[i + 6] === 1,
        pre: v[i + 7] === 1,
        t: v[i],
      });
    }
    return (counted = out);
  }
  function tally(id: number, group: number): number {
    let votes = 1; // its own
    for (const b of ballots()) if (b.candidate === id && b.group === group && b.granted && !b.pre) votes++;
    return votes;
  }
  function leaders(): number[] {
    const out: number[] = Array.from({ length: g }, () => -1);
    for (let k = 0; k < n * g; k++) if (role[k] === 2 && up[Math.floor(k / g)] === 1) out[k % g] = Math.floor(k / g);
    return out;
  }
  function node(id: number): NodeView {
    const view: NodeView = {
      up: up[id] === 1,
      role: 'down',
      term: 0,
      leads: [],
      last: last[id],
      commit: commit[id],
      timerStart: -1,
      timerEnd: -1,
      votes: -1,
      quorum: 0,
    };
    const alive = up[id] === 1;
    let best = 99;
    const rank = [2, 1, 0, 4, 3, 5]; // leader before candidate before follower before serving/idle
    for (let k = id * g; k < id * g + g; k++) {
      view.term = Math.max(view.term, term[k]);
      if (role[k] === 2 && alive) view.leads.push(k - id * g);
      if (rank[role[k]] < best) {
        best = rank[role[k]];
        view.role = trace.roleNames[role[k]];
        if (alive && (role[k] === 1 || role[k] === 2)) [view.votes, view.quorum] = [tally(id, k - id * g), quorumOf(k - id * g)];
      }
      if (role[k] !== 2 && tEnd[k] > t && (view.timerEnd < 0 || tEnd[k] < view.timerEnd)) {
        view.timerEnd = tEnd[k];
        view.timerStart = tStart[k];
      }
    }
    if (!alive) [view.role, view.votes] = ['down', -1];
    return view;
  }
  function groupRoles(id: number): [number, string, number][] {
    const out: [number, string, number][] = [];
    for (let k = 0; k < g; k++) out.push([k, trace.roleNames[role[id * g + k]], term[id * g + k]]);
    return out;
  }
  function times(a: number[], size: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < a.length; i += size) out.push(a[i]);
    return out;
  }
  const leaderWins: number[] = [];
  for (let i = 0; i < trace.roles.length; i += 5) if (trace.roles[i + 3] === 2) leaderWins.push(trace.roles[i]);
  const electionTimes = times(trace.elections, 4)
    .concat(leaderWins)
    .sort((a, b) => a - b);
  const eventTimes = [
    ...times(trace.roles, 5),
    ...electionTimes,
    ...times(trace.updown, 3),
    ...times(trace.msgs, 5),
    ...trace.faults.map((f) => f.t),
  ].sort((a, b) => a - b);
  const firstFault = trace.faults.length > 0 ? trace.faults[0].t : -1;
  reset();
  return {
    trace,
    seek,
    now: () => t,
    node,
    cuts: () => cutPairs,
    faultTimes: trace.faults.map((f) => f.t),
    electionTimes,
    eventTimes,
    groupRoles,
    ballots,
    leaders,
    openAt: firstFault < 0 ? trace.from : Math.max(trace.from, firstFault - 50_000),
    failoverSpan: failoverSpan(),
  };

  /** The run's own measure where the page has it; else from the fault to the first leader
   *  elected after it, or to the first ejection; else 200 ms. */
  function failoverSpan(): number {
    if (trace.failover && trace.failover.end > trace.failover.at) return trace.failover.end - trace.failover.at;
    const after = (times: number[]) => times.find((x) => x > firstFault);
    const end = firstFault < 0 ? undefined : (after(leaderWins) ?? after(times(trace.ejections, 2)));
    return end === undefined ? 200_000 : end - firstFault;
  }
}
