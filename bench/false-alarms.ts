// Measures how often `leadsim check` cries wolf: the check-probe scenario rerun with other seeds
// (same code) against its seed-1 baseline. Prints the share of reruns that fail and which
// metrics failed. Usage: npm run false-alarms [-- SEEDS] (default 40, the count the tests use).
import { compareProbe, probeSummary, regressedMetrics } from './check-probe.js';

const seeds = Number(process.argv[2] ?? 40);
const baseline = await probeSummary({ seed: '1' });
let alarms = 0;
let tests = 0;
const byMetric = new Map<string, number>();
for (let seed = 1001; seed < 1001 + seeds; seed++) {
  const comparison = compareProbe(baseline, await probeSummary({ seed: String(seed) }));
  tests += comparison.results.filter((r) => r.p !== null).length;
  const failed = regressedMetrics(comparison);
  if (failed.length > 0) alarms++;
  for (const metric of failed) byMetric.set(metric, (byMetric.get(metric) ?? 0) + 1);
}
process.stdout.write(
  `${alarms} of ${seeds} reruns with other seeds failed (${((alarms / seeds) * 100).toFixed(1)}%), ${tests} metric tests in all` +
    (byMetric.size > 0 ? `; failed metrics: ${[...byMetric].map(([m, n]) => `${m} ×${n}`).join(', ')}` : '') +
    '\n',
);
