// docs/ci.md as a user's CI or cluster would run it: the shards, the merge and the check of every
// recipe (GitHub Actions, GitLab CI, a Kubernetes Indexed Job, a Slurm job array), taken from
// the doc and run here with the small check-probe scenario in place of the documented one,
// against a baseline recorded first. Steps that only a CI service or a cluster does (checkout,
// npm ci, artifacts, volumes, scheduling) are left out.
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
const bashBlocks = [...doc.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);

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

/** A Kubernetes Job's one container, as the recipe writes it. */
interface KubernetesJob {
  kind: string;
  metadata: { name: string };
  spec: {
    completions?: number;
    completionMode?: string;
    template: {
      spec: {
        containers: {
          env?: { name: string; value: string }[];
          command: string[];
          args: string[];
          volumeMounts: { mountPath: string }[];
        }[];
      };
    };
  };
}

/** The leadsim commands of a container's `sh -c` script, its volume mounted at `mount` instead. */
function containerCommands(job: KubernetesJob, mount: string): { commands: string[]; env: Record<string, string> } {
  const [container] = job.spec.template.spec.containers;
  expect(container.command).toEqual(['sh', '-c']);
  const script = container.args.join(' ').replaceAll(container.volumeMounts[0].mountPath, `${mount}/`);
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
  return { commands: leadsimCommands(script.split('&&').map((c) => c.trim())), env };
}

describe('docs/ci.md', () => {
  it('has a GitHub Actions workflow, a GitLab CI file and two Kubernetes Jobs', () => expect(yamlBlocks).toHaveLength(4));

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

  it(
    'Kubernetes: the Indexed Job runs a shard per completion index, the merge job merges and checks',
    () => {
      const [shards, merge] = yamlBlocks.slice(2) as unknown as KubernetesJob[];
      expect([shards.kind, shards.spec.completionMode, merge.kind]).toEqual(['Job', 'Indexed', 'Job']);
      const dir = project();
      const volume = join(dir, 'volume');
      const shard = containerCommands(shards, volume);
      expect(shard.env.SHARDS).toBe(String(shards.spec.completions));
      for (let index = 0; index < (shards.spec.completions ?? 0); index++)
        for (const command of shard.commands)
          sh(dir, command, { ...shard.env, SCENARIO: 'check-probe', JOB_COMPLETION_INDEX: String(index) });
      const last = containerCommands(merge, volume);
      expect(last.commands).toHaveLength(2);
      for (const command of last.commands) sh(dir, command, { ...last.env, SCENARIO: 'check-probe' });
      expect(readFileSync(join(volume, 'check.xml'), 'utf8')).toMatch(/<testsuite name="check-probe" tests="\d+" failures="0"/);
    },
    PIPELINE_TIMEOUT_MS,
  );

  it(
    'Slurm: the job array runs a shard per task, the dependent job merges and checks',
    () => {
      expect(bashBlocks).toHaveLength(2);
      const [array, merge] = bashBlocks.map((block) => block.split('\n'));
      const [, last] = /^#SBATCH --array=0-(\d+)$/m.exec(array.join('\n')) ?? [];
      const count = Number(last) + 1;
      expect(count).toBeGreaterThan(1);
      const dir = project();
      for (let task = 0; task < count; task++)
        for (const command of leadsimCommands(array))
          sh(dir, command, { SCENARIO: 'check-probe', SLURM_ARRAY_TASK_ID: String(task), SLURM_ARRAY_TASK_COUNT: String(count) });
      expect(leadsimCommands(merge)).toHaveLength(2);
      for (const command of leadsimCommands(merge)) sh(dir, command, { SCENARIO: 'check-probe' });
      expect(readFileSync(join(dir, 'check.xml'), 'utf8')).toMatch(/<testsuite name="check-probe" tests="\d+" failures="0"/);
    },
    PIPELINE_TIMEOUT_MS,
  );
});
