// The Mann–Whitney U test (Wilcoxon rank-sum): do two samples come from the same
// distribution? It uses ranks only, so it needs no assumption about the shape of a metric's
// spread across trials (latencies and failover times are skewed and often tied).
// Two-sided p-values: exact (the full distribution of U) for small samples without ties,
// otherwise the normal approximation with the tie correction of the variance and a
// continuity correction of 0.5.

export interface RankTest {
  /** U of the first sample: pairs (a, b) with a > b, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
}

/** Exact p-values up to this many observations in all (the table costs (n1·n2)² / 4 steps). */
const EXACT_UP_TO = 40;

export function mannWhitney(a: readonly number[], b: readonly number[]): RankTest {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitney needs two non-empty samples');
  const { rankSumA, tieTerm } = ranks(a, b);
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  if (tieTerm === 0 && n1 + n2 <= EXACT_UP_TO) return { u, p: exactTwoSided(u, n1, n2), method: 'exact' };
  return { u, p: normalTwoSided(u, n1, n2, tieTerm), method: 'normal' };
}

/** The rank sum of sample a in the pooled sample (ties get their mean rank), and Σ(t³ − t) over tie groups. */
function ranks(a: readonly number[], b: readonly number[]): { rankSumA: number; tieTerm: number } {
  const pooled = [...a.map((value) => ({ value, fromA: true })), ...b.map((value) => ({ value, fromA: false }))];
  pooled.sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length;) {
    let end = start;
    while (end + 1 < pooled.length && pooled[end + 1].value === pooled[start].value) end++;
    const meanRank = (start + end) / 2 + 1; // ranks are 1-based
    const ties = end - start + 1;
    tieTerm += ties ** 3 - ties;
    for (let i = start; i <= end; i++) if (pooled[i].fromA) rankSumA += meanRank;
    start = end + 1;
  }
  return { rankSumA, tieTerm };
}

function normalTwoSided(u: number, n1: number, n2: number, tieTerm: number): number {
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return 1; // every value equal: nothing to tell apart
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  if (z <= 0) return 1;
  return Math.min(1, 2 * normalUpperTail(z));
}

const exactTables = new Map<string, Float64Array>();

function exactTwoSided(u: number, n1: number, n2: number): number {
  const pmf = uDistribution(n1, n2);
  let below = 0;
  let above = 0;
  for (let k = 0; k < pmf.length; k++) {
    if (k <= u) below += pmf[k];
    if (k >= u) above += pmf[k];
  }
  return Math.min(1, 2 * Math.min(below, above));
}

/**
 * P(U = k) for samples of sizes n1 and n2 under the null hypothesis. The largest of all
 * n1 + n2 values belongs to the first sample with probability n1 / (n1 + n2), and then adds n2
 * to U; so P_{i,j}(k) = (i·P_{i−1,j}(k − j) + j·P_{i,j−1}(k)) / (i + j).
 */
function uDistribution(n1: number, n2: number): Float64Array {
  const key = `${n1},${n2}`;
  const cached = exactTables.get(key);
  if (cached) return cached;
  // row[j] holds P_{i,j} for the current i
  let previous: Float64Array[] = Array.from({ length: n2 + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n1; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n2; j++) {
      const pmf = new Float64Array(i * j + 1);
      const fromA = previous[j];
      const fromB = row[j - 1];
      for (let k = 0; k < fromA.length; k++) pmf[k + j] += (i * fromA[k]) / (i + j);
      for (let k = 0; k < fromB.length; k++) pmf[k] += (j * fromB[k]) / (i + j);
      row.push(pmf);
    }
    previous = row;
  }
  exactTables.set(key, previous[n2]);
  return previous[n2];
}

/**
 * 1 − Φ(z) for z ≥ 0. erf(x) = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1) / (1·3·…·(2n+1)): every term is
 * positive, so the series has no cancellation; its absolute error (~1e-16) is far below any
 * significance level a check uses.
 */
export function normalUpperTail(z: number): number {
  if (z > 38) return 0;
  const x = z / Math.SQRT2;
  let term = x;
  let sum = x;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  const erf = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  return Math.max(0, 0.5 * (1 - erf));
}

/**
 * Holm–Bonferroni: adjusted p-values for a family of tests, so that rejecting every
 * hypothesis whose adjusted p is below α keeps the chance of any false rejection below α.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
