// `alerts:` — a list of Prometheus-style rules. Each `when:` is parsed here, so a bad
// expression is reported at its own line like any other bad value.
import * as z from 'zod';
import { CONDITION_HINT, parseCondition, type AlertCondition } from './alert-condition.js';
import { duration, expecting } from './fields.js';

const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const condition = () =>
  z.string({ error: expecting(CONDITION_HINT) }).transform((text, ctx): { text: string; condition: AlertCondition } => {
    try {
      return { text, condition: parseCondition(text) };
    } catch (error) {
      ctx.issues.push({ code: 'custom', input: text, message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

const alertRuleSchema = z.strictObject({
  name: z
    .string({ error: expecting("a name for the alert, e.g. 'no-leader'") })
    .regex(RULE_NAME, { error: "must be letters, digits, '.', '_' or '-' (it names the alert in alerts.csv)" })
    .describe('names the rule in alerts.csv and on the charts'),
  when: condition().describe(
    'one comparison, metric op value: leader == none, error_rate > 0.01, latency_p99_ms > 200, throughput_ops_s < 100',
  ),
  for: duration('nonnegative').prefault('0s').describe('how long the condition must hold before the alert fires'),
  interval: duration().prefault('100ms').describe('how often the rule is evaluated'),
  window: duration().prefault('1s').describe('how far back error_rate, latency_* and throughput_ops_s look'),
});

export const alertsSchema = z.array(alertRuleSchema, {
  error: expecting('a list of rules such as { name: no-leader, when: "leader == none", for: 500ms }'),
});
