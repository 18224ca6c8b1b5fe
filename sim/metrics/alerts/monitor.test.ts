// Alert rules evaluated the way Prometheus evaluates them: pending once the condition holds,
// firing after it has held for `for:`, resolved at the first evaluation where it does not.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import { parseCondition } from '../../scenario/alert-condition.js';
import type { AlertRule, FaultSpec } from '../../scenario/scenario.js';
import { LAN, load, makeRun, raft } from '../../../test/fixtures/scenario.js';
import { AlertMonitor } from './monitor.js';

const ms = 1000;

function rule(name: string, when: string, forMs: number, intervalMs = 100, windowMs = 1000): AlertRule {
  return { name, when, condition: parseCondition(when), for: forMs * ms, interval: intervalMs * ms, window: windowMs * ms };
}

/** A monitor over a scripted "no leader" interval [from, to) ms, evaluated to `endMs`. */
function leaderGap(rules: AlertRule[], fromMs: number, toMs: number, endMs = 2000) {
  let now = 0;
  const monitor = new AlertMonitor({
    rules,
    start: 0,
    end: endMs * ms,
    variant: 'v',
    trial: 0,
    leaderMissing: () => now >= fromMs * ms && now < toMs * ms,
  });
  for (now = 0; now <= endMs * ms; now += ms) {
    if (now === fromMs * ms) monitor.fault(now);
    monitor.advance(now);
  }
  return monitor.finish();
}

describe('alert rules', () => {
  it('fire after holding for `for:`, at an evaluation, and resolve when the condition stops', () => {
    // no leader over [1000, 1250) ms; evaluations every 100 ms see it at 1000, 1100, 1200
    const rows = leaderGap([rule('eager', 'leader == none', 100), rule('patient', 'leader == none', 300)], 1000, 1250);
    expect(rows).toEqual([
      { variant: 'v', trial: 0, alert: 'eager', fired_at_ms: 1100, resolved_at_ms: 1300, fault_at_ms: 1000, detect_ms: 100 },
    ]);
  });

  it('for: 0 fires at the first evaluation that sees the condition; a gap between evaluations is missed', () => {
    expect(leaderGap([rule('now', 'leader == none', 0)], 1010, 1090)).toEqual([]);
    expect(leaderGap([rule('now', 'leader == none', 0)], 1010, 1110)[0]).toMatchObject({ fired_at_ms: 1100, detect_ms: 90 });
  });

  it('error rate, throughput and p99 latency look back over the rule window', () => {
    let now = 0;
    const monitor = new AlertMonitor({
      rules: [
        rule('errors', 'error_rate > 0.2', 0, 100, 500),
        rule('slow', 'latency_p99_ms >= 50', 0),
        rule('low', 'throughput_ops_s < 80', 0),
      ],
      start: 0,
      end: 3000 * ms,
      variant: 'v',
      trial: 0,
      leaderMissing: () => false,
    });
    // 100 requests/s of 1 ms; between 1 s and 1.5 s every second one fails; from 2 s on, each takes 60 ms
    for (now = 0; now < 3000 * ms; now += 10 * ms) {
      monitor.advance(now);
      const failing = now >= 1000 * ms && now < 1500 * ms && (now / (10 * ms)) % 2 === 0;
      if (failing) monitor.failed(now);
      else monitor.completed(now, now >= 2000 * ms ? 60 * ms : 1 * ms);
    }
    const rows = monitor.finish();
    // errors over the last 500 ms (50 requests): 5 failed at 1.1 s, 10 (= 0.2, not above) at 1.2 s,
    // 15 at 1.3 s: fires; back to 10 at 1.8 s: resolved
    expect(rows.find((r) => r.alert === 'errors')).toMatchObject({ fired_at_ms: 1300, resolved_at_ms: 1800 });
    // p99 of the last second reaches 60 ms once more than 1% of its requests are slow (2 of 100)
    expect(rows.find((r) => r.alert === 'slow')).toMatchObject({ fired_at_ms: 2100, resolved_at_ms: null });
    // successes in the last second: 80 at 1.4 s (not below 80), 75 at 1.5 s, 80 again at 2.1 s
    expect(rows.filter((r) => r.alert === 'low')).toMatchObject([{ fired_at_ms: 1500, resolved_at_ms: 2100 }]);
  });
});

describe('alerts on a running Raft group', () => {
  const faults: FaultSpec[] = [
    { type: 'crash', at: 2_000_000, target: 'leader', recoverAfter: 500_000 },
    { type: 'crash', at: 4_000_000, target: 'leader', recoverAfter: 500_000 },
  ];
  const rules = [rule('eager', 'leader == none', 50, 25), rule('patient', 'leader == none', 1000), rule('errors', 'error_rate > 0.5', 200)];
  const run = (alerts?: AlertRule[]) =>
    runOnce(
      makeRun({
        architecture: raft(5),
        network: LAN,
        duration: 6_000_000,
        faults,
        workload: load({ rate: 300, writes: 0.5, keys: 100, timeout: 200_000, retries: 2, backoff: 50_000 }),
        ...(alerts ? { alerts } : {}),
      }),
      0,
    ).result;

  it('a rule with `for:` shorter than the failover pages for every election; a longer one never fires', () => {
    const r = run(rules);
    const eager = (r.alerts ?? []).filter((a) => a.alert === 'eager');
    expect(eager.map((a) => a.fault_at_ms)).toEqual([2000, 4000]);
    for (const a of eager) {
      // detected within for + one interval of the crash, resolved once the new leader is elected
      expect(a.detect_ms as number).toBeGreaterThanOrEqual(50);
      expect(a.detect_ms as number).toBeLessThanOrEqual(75);
      const failover = r.failovers.find((f) => f.fault_at_ms === a.fault_at_ms);
      expect(a.resolved_at_ms as number).toBeGreaterThanOrEqual(failover?.elected_at_ms as number);
      expect(a.resolved_at_ms as number).toBeLessThanOrEqual((failover?.elected_at_ms as number) + 25);
    }
    expect((r.alerts ?? []).filter((a) => a.alert !== 'eager')).toEqual([]);
    expect(r.summary.alerts_fired).toBe(2);
    expect(r.summary.detect_mean_ms).toBe(((eager[0].detect_ms as number) + (eager[1].detect_ms as number)) / 2);
  });

  it('alerts only watch: the run is the same with and without them', () => {
    const watched = run(rules);
    const plain = run();
    expect({ ...watched.summary, alerts_fired: null, detect_mean_ms: null }).toEqual(plain.summary);
    expect(watched.timeseries).toEqual(plain.timeseries);
    expect(watched.failovers).toEqual(plain.failovers);
    expect(plain.alerts).toBeUndefined();
  });
});
