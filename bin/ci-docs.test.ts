// docs/ci.md as a user's CI would run it: the shard matrix, the merge and the check of both
// pipelines (GitHub Actions and GitLab CI), taken from the YAML in the doc and run here with
// the small check-probe scenario in place of the documented one, against a baseline recorded
// first. Steps that only a CI service does (checkout, npm ci, artifacts) are left out.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const leadsim = `${process.execPath} ${join(root, 'dist', 'bin', 'leadsim.js')}`;
const doc = readFileSync(join(root, 'docs', 'ci.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as Record<string, unknown>);

type Job = { run?: string }[];

/** A project folder with the probe scenario and its recorded baseline, as a repository would have. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadsim-ci-'));
  mkdirSync(join(dir, 'scenarios'));
  copyFileSync(join(root, 'bench/check-probe.yaml'), join(dir, 'scenarios/check-probe.yaml'));
  sh(dir, `${leadsim} check scenarios/check-probe.yaml --baseline reports/baselines --update`, {});
  expect(existsSync(join(dir, 'reports/baselines/check-probe/summary.csv'))).toBe(true);
  return dir;
}

function sh(cwd: string, command: string, env: Record<string, string>): string {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', command.replaceAll('npx leadsim', leadsim)], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env },
  });
  expect(r.status, `${command}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

const leadsimCommands = (lines: string[]) => lines.filter((line) => line.startsWith('npx leadsim '));

// a dozen CLI processes each; a busy shared machine can take minutes for what takes seconds alone
const PIPELINE_TIMEOUT_MS = 300_000;

describe('docs/ci.md', () => {
  it('has a GitHub Actions workflow and a GitLab CI file', () => expect(yamlBlocks).toHaveLength(2));

  it(
    'GitHub Actions: the shard matrix, merge and check run and write JUnit and the step summary',
    () => {
      const workflow = yamlBlocks[0] as {
        env: Record<string, unknown>;
        jobs: Record<string, { steps: Job; strategy?: { matrix: { shard: number[] } } }>;
      };
      const { shard, merge, check } = workflow.jobs;
      const shards = shard.strategy?.matrix.shard ?? [];
      expect(shards).toEqual([...Array(Number(workflow.env.SHARDS)).keys()]);
      const dir = project();
      const summary = join(dir, 'step-summary.md');
      const env = { SCENARIO: 'check-probe', SHARDS: String(workflow.env.SHARDS), GITHUB_STEP_SUMMARY: summary };
      const runs = (job: Job) =>
        leadsimCommands(job.map((step) => step.run ?? '')).map((c) => c.replaceAll('${{ env.SCENARIO }}', '$SCENARIO'));
      for (const k of shards) for (const command of runs(shard.steps)) sh(dir, command.replaceAll('${{ matrix.shard }}', String(k)), env);
      for (const command of [...runs(merge.steps), ...runs(check.steps)]) sh(dir, command, env);
      expect(readFileSync(join(dir, 'check.xml'), 'utf8')).toMatch(/<testsuite name="check-probe" tests="\d+" failures="0"/);
      expect(readFileSync(summary, 'utf8')).toMatch(/^## leadsim check: ✅ passed/);
    },
    PIPELINE_TIMEOUT_MS,
  );

  it(
    'GitLab CI: the parallel shards, merge and check run and write JUnit',
    () => {
      const pipeline = yamlBlocks[1] as Record<
        string,
        { script?: string[]; parallel?: number; artifacts?: { reports?: { junit?: string } } }
      >;
      const { shard, merge, check } = pipeline;
      const dir = project();
      const total = shard.parallel ?? 1;
      for (let index = 1; index <= total; index++)
        for (const command of leadsimCommands(shard.script ?? []))
          sh(dir, command, { SCENARIO: 'check-probe', CI_NODE_INDEX: String(index), CI_NODE_TOTAL: String(total) });
      for (const command of leadsimCommands([...(merge.script ?? []), ...(check.script ?? [])]))
        sh(dir, command, { SCENARIO: 'check-probe' });
      expect(readFileSync(join(dir, check.artifacts?.reports?.junit ?? 'missing'), 'utf8')).toMatch(/<testsuite name="check-probe"/);
    },
    PIPELINE_TIMEOUT_MS,
  );
});
