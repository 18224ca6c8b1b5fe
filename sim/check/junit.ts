// JUnit XML for CI systems (the Jenkins JUnit schema, which GitHub and GitLab read): one test
// suite per scenario, one test case per variant × sweep point × metric compared and per
// expectation; a regression or a missed expectation is a <failure> with the numbers.
// No timestamps or host names, so the same check writes the same bytes.
import { failuresOf, formatChange, formatP, formatSample, type CheckReport, type ScenarioCheck } from './check-report.js';
import type { MetricResult } from './compare.js';

interface TestCase {
  name: string;
  classname: string;
  failure?: { message: string; body: string };
  skipped?: string;
}

export function junitXml(report: CheckReport): string {
  const suites = report.scenarios.map((check) => ({ check, cases: casesOf(check) }));
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="leadsim check" tests="${tests}" failures="${failures}" errors="0">`,
  ];
  for (const { check, cases } of suites) {
    const skipped = cases.filter((c) => c.skipped !== undefined).length;
    out.push(
      `  <testsuite name="${attr(check.scenario)}" tests="${cases.length}" failures="${cases.filter((c) => c.failure).length}" errors="0" skipped="${skipped}">`,
    );
    for (const c of cases) out.push(testCaseXml(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function testCaseXml(c: TestCase): string {
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}"`;
  if (c.failure)
    return `${open}>\n      <failure message="${attr(c.failure.message)}" type="regression">${text(c.failure.body)}</failure>\n    </testcase>`;
  if (c.skipped !== undefined) return `${open}>\n      <skipped>${text(c.skipped)}</skipped>\n    </testcase>`;
  return `${open}/>`;
}

function casesOf(check: ScenarioCheck): TestCase[] {
  const classname = `leadsim.${check.scenario}`;
  const cases: TestCase[] = (check.comparison?.results ?? []).map((r) => metricCase(r, classname));
  for (const e of check.expectations) {
    const name = `expect ${e.group} ${e.expectation.metric} ${e.expectation.stat}`;
    if (e.outcome === 'missed') cases.push({ name, classname, failure: { message: e.message, body: e.message } });
    else if (e.outcome === 'skipped') cases.push({ name, classname, skipped: e.message });
    else cases.push({ name, classname });
  }
  check.violations.forEach((v, i) => cases.push({ name: `invariant ${i + 1}`, classname, failure: { message: v, body: v } }));
  if (failuresOf(check) === 0 && cases.length === 0) cases.push({ name: 'recorded', classname });
  return cases;
}

function metricCase(r: MetricResult, classname: string): TestCase {
  const name = `${r.group} ${r.metric}`;
  if (r.verdict !== 'regression' && r.verdict !== 'missing') return { name, classname };
  const numbers =
    r.metric === '(rows)'
      ? r.note
      : `baseline ${formatSample(r.baseline)}, now ${formatSample(r.current)}, change ${formatChange(r)}` +
        (r.p !== null ? `, p ${formatP(r.p)} (adjusted ${formatP(r.pAdjusted)})` : '') +
        (r.note ? `; ${r.note}` : '');
  const message = `${r.verdict}: ${r.group} ${r.metric} (${r.direction === 'higher' ? 'higher' : 'lower'} is better): ${numbers}`;
  return { name, classname, failure: { message, body: message } };
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

// XML 1.0 cannot carry most control characters at all, even escaped
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
