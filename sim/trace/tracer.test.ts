// The traced re-run: it sees the run as it happened (the same events, the same summary), its
// roles agree with the run's own timeline, the page is byte-identical per seed, and busy
// traffic is thinned so a page stays small whatever the cluster size.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import { replayModel } from '../report/replay/player-model.js';
import { replayPage } from '../report/replay/page.js';
import { windowOf } from '../report/replay/replays.js';
import { LAN, load, makeRun, raft } from '../../test/fixtures/scenario.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import { tracedRun, traceRun } from './trace-run.js';
import { REC } from './trace.js';
import { Tracer } from './tracer.js';

const crashRun = (architecture: ArchitectureSpec, target: 'leader' | number = 'leader') =>
  makeRun({
    architecture,
    network: LAN,
    duration: 3_000_000,
    warmup: 200_000,
    workload: load({ rate: 500, writes: 0.5, keys: 1000, timeout: 200_000, retries: 3, backoff: 20_000 }),
    faults: [{ type: 'crash', at: 1_000_000, target }],
  });

describe('traced re-run', () => {
  const run = crashRun(raft(5));
  const plain = runOnce(run, 0).result;
  const window = windowOf(plain, run.scenario.duration);
  const trace = traceRun(run, 0, window);

  it('does not change what happens: the traced run stops at the same leaders and faults', () => {
    const whole = {
      scenario: 't',
      variant: 'v',
      kind: 'raft-group',
      seed: 0,
      trial: 0,
      point: '',
      hasLeader: true,
      from: 0,
      to: 3_000_000,
    };
    const traced = runOnce(run, 0, {
      beforeRun: (sim, arch) => sim.traceWith(new Tracer(whole, tracedRun(run, sim, arch))),
    }).result;
    expect(traced.summary).toEqual(plain.summary);
    expect(trace.faults.map((f) => f.t / 1000)).toEqual(plain.faults.map((f) => f.at_ms));
  });

  it('records the crash of the leader and the election that follows, as the run timeline has it', () => {
    const leaderBefore = plain.timeline.findIndex((segs) => segs.some((s) => s.role === 'leader' && s.from_ms < 1000 && s.to_ms >= 1000));
    expect(leaderBefore).toBeGreaterThanOrEqual(0);
    const model = replayModel(trace);
    model.seek(999_000);
    expect(model.node(leaderBefore).role).toBe('leader');
    model.seek(1_000_000);
    expect(model.node(leaderBefore).role).toBe('down');
    const elected = plain.failovers[0].elected_at_ms as number;
    const winner = plain.timeline.findIndex((segs) => segs.some((s) => s.role === 'leader' && s.from_ms === elected));
    model.seek(elected * 1000);
    expect(model.node(winner).role).toBe('leader');
    expect(model.node(winner).term).toBeGreaterThan(1);
    // backwards gives the same state as forwards
    model.seek(999_000);
    expect(model.node(leaderBefore).role).toBe('leader');
  });

  it('shows votes, appends and heartbeats in flight, and election deadlines on followers', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < trace.msgs.length; i += REC.msg) kinds.add(trace.msgKinds[trace.typeKind[trace.msgs[i + 4]]]);
    expect([...kinds].sort()).toEqual(['append', 'heartbeat', 'vote']);
    const model = replayModel(trace);
    model.seek(1_050_000);
    const follower = [0, 1, 2, 3, 4].find((id) => model.node(id).role === 'follower') as number;
    expect(model.node(follower).timerEnd).toBeGreaterThan(1_050_000);
    expect(model.node(follower).timerEnd - model.node(follower).timerStart).toBeGreaterThanOrEqual(150_000);
  });

  it('writes the same page for the same seed, another for another seed', () => {
    expect(replayPage(traceRun(run, 0, window))).toBe(replayPage(trace));
    expect(replayPage(traceRun(run, 1, window))).not.toBe(replayPage(trace));
  });

  it('keeps a 101-node group within a few MB by thinning appends, never votes', () => {
    const big = crashRun(raft(101));
    const t = traceRun(big, 0, { from: 500_000, to: 2_500_000 });
    const bytes = replayPage(t).length;
    expect(bytes).toBeLessThan(4_000_000);
    expect(t.thinned.msgEvery).toBeGreaterThan(1);
    let votes = 0;
    for (let i = 0; i < t.msgs.length; i += REC.msg) if (t.msgKinds[t.typeKind[t.msgs[i + 4]]] === 'vote') votes++;
    expect(votes).toBeGreaterThanOrEqual(100); // the new leader's RequestVote to all 100 peers
  });

  it('draws learners as `learner` (and their pages carry the learner style); a plain group has none', () => {
    const withLearners = crashRun(raft(7, { learners: 4 }));
    const t = traceRun(withLearners, 0, { from: 500_000, to: 1_500_000 });
    const model = replayModel(t);
    model.seek(1_400_000);
    expect([0, 1, 2, 3, 4, 5, 6].map((id) => model.node(id).role === 'learner')).toEqual([false, false, false, true, true, true, true]);
    expect(model.node(3).timerEnd).toBe(-1); // no election timer drawn: a learner never campaigns
    expect(replayPage(t)).toContain('.node.learner');
    expect(trace.roleNames).not.toContain('learner');
    expect(replayPage(trace)).not.toContain('learner');
  });

  it("colours a relay's envelope, forwards and aggregates as `relay`, listed in the page's legend", () => {
    const t = traceRun(crashRun(raft(9, { relays: 2 })), 0, { from: 500_000, to: 1_500_000 });
    const kindOf = (type: string) => t.msgKinds[t.typeKind[t.msgTypes.indexOf(type)]];
    expect(['Relay', 'Forward', 'RelayReply', 'RelayAggregate'].map(kindOf)).toEqual(['relay', 'relay', 'relay', 'relay']);
    let relayed = 0;
    for (let i = 0; i < t.msgs.length; i += REC.msg) if (t.msgKinds[t.typeKind[t.msgs[i + 4]]] === 'relay') relayed++;
    expect(relayed).toBeGreaterThan(0);
    expect(replayPage(t)).toContain('<b class="dot relay"></b>relay');
    expect(replayPage(trace)).not.toContain('dot relay"></b>');
  });
});
