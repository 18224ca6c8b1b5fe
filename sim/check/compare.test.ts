import { describe, expect, it } from 'vitest';
import { compareAll, type CompareOptions } from './compare.js';
import { readSummaryCsv } from './summary-table.js';

const options: CompareOptions = { tolerance: 0.05, confidence: 0.95, exact: false };
const HEADER = 'scenario,variant,kind,nodes,seed,trial,sim_seconds,throughput_ops_s,latency_p99_ms,elections';

/** A summary with one row per trial; values per trial for throughput, latency and elections. */
function table(variants: Record<string, { tput: number[]; p99: number[]; elections?: number[] }>, seedBase = 100) {
  const lines = [HEADER];
  for (const [variant, v] of Object.entries(variants))
    v.tput.forEach((t, trial) =>
      lines.push(`s,${variant},raft-group,5,${seedBase + trial},${trial},10,${t},${v.p99[trial]},${v.elections?.[trial] ?? 1}`),
    );
  return readSummaryCsv(lines.join('\n') + '\n', 'test', { scenario: 's', sweepKeys: [] });
}

const compare = (baseline: ReturnType<typeof table>, current: ReturnType<typeof table>, o: Partial<CompareOptions> = {}) =>
  compareAll([{ scenario: 's', sweepKeys: [], baseline, current }], { ...options, ...o })[0];
const verdictOf = (c: ReturnType<typeof compare>, metric: string) => c.results.find((r) => r.metric === metric)?.verdict;

const tput = [1000, 1010, 990, 1005, 995, 1002, 998, 1008];
const p99 = [10, 11, 9.5, 10.4, 9.8, 10.1, 10.6, 9.9];

describe('statistical comparison (5+ trials)', () => {
  it('passes the same values in another order, matching by trial index and ignoring seeds', () => {
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput: [...tput].reverse(), p99: [...p99].reverse() } }, 900));
    expect(c.mode).toBe('statistical');
    expect(c.regressions).toBe(0);
    expect(c.results.every((r) => r.verdict === '~')).toBe(true);
  });

  it('fails a significant move beyond the tolerance in the worse direction, and names it', () => {
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput, p99: p99.map((x) => x * 1.5) } }));
    expect(verdictOf(c, 'latency_p99_ms')).toBe('regression');
    expect(verdictOf(c, 'throughput_ops_s')).toBe('~');
    expect(c.regressions).toBe(1);
  });

  it('reports a move in the better direction as an improvement, which passes', () => {
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput: tput.map((x) => x * 1.2), p99 } }));
    expect(verdictOf(c, 'throughput_ops_s')).toBe('improvement');
    expect(c.regressions).toBe(0);
  });

  it('lets a significant move within the tolerance pass', () => {
    const tight = [10, 10.01, 10.02, 10.03, 10.04, 10.05, 10.06, 10.07];
    const c = compare(table({ a: { tput, p99: tight } }), table({ a: { tput, p99: tight.map((x) => x * 1.04) } }));
    expect(c.results.find((r) => r.metric === 'latency_p99_ms')?.p).toBeLessThan(0.05);
    expect(verdictOf(c, 'latency_p99_ms')).toBe('~');
  });

  it('does not fail a move that is not significant, however large its mean change', () => {
    const noisy = [10, 11, 9, 10, 300, 10, 10, 11]; // one outlier drags the mean up by 3.6x
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput, p99: noisy } }));
    expect(verdictOf(c, 'latency_p99_ms')).toBe('~');
  });

  it('reports a neutral metric that moved without failing', () => {
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput, p99, elections: tput.map(() => 3) } }));
    expect(verdictOf(c, 'elections')).toBe('changed');
    expect(c.regressions).toBe(0);
  });

  it('adjusts every p-value for the number of tests in the whole check (Holm)', () => {
    const c = compare(table({ a: { tput, p99 } }), table({ a: { tput, p99: p99.map((x) => x * 1.5) } }));
    const r = c.results.find((x) => x.metric === 'latency_p99_ms');
    expect(r?.pAdjusted).toBeCloseTo((r?.p ?? 0) * 3, 12); // the smallest of 3 tests
  });

  it('fails a variant of the baseline that this run lacks, and notes one the baseline lacks', () => {
    const c = compare(table({ a: { tput, p99 }, b: { tput, p99 } }), table({ a: { tput, p99 }, c: { tput, p99 } }));
    expect(c.results.filter((r) => r.metric === '(rows)').map((r) => [r.group, r.verdict])).toEqual([
      ['b', 'missing'],
      ['c', 'new'],
    ]);
    expect(c.regressions).toBe(1);
  });
});

describe('exact comparison (fewer than 5 trials, or --exact)', () => {
  const few = (scale: number) => table({ a: { tput: tput.slice(0, 3), p99: p99.slice(0, 3).map((x, i) => (i === 2 ? x * scale : x)) } });

  it('is used below 5 trials and compares trial by trial within the tolerance', () => {
    expect(compare(few(1), few(1.04)).mode).toBe('exact');
    expect(compare(few(1), few(1.04)).regressions).toBe(0);
    const c = compare(few(1), few(1.2));
    expect(verdictOf(c, 'latency_p99_ms')).toBe('regression');
    expect(c.results.find((r) => r.metric === 'latency_p99_ms')?.note).toBe('trial 2: 9.5 → 11.4');
  });

  it('is used with --exact whatever the trials', () => {
    expect(compare(table({ a: { tput, p99 } }), table({ a: { tput, p99 } }), { exact: true }).mode).toBe('exact');
  });

  it('fails a trial of the baseline that this run lacks', () => {
    const c = compare(few(1), table({ a: { tput: tput.slice(0, 2), p99: p99.slice(0, 2) } }));
    expect(c.results.find((r) => r.verdict === 'missing')?.note).toBe('trial(s) 2 not in this run');
    expect(c.regressions).toBe(1);
  });
});
