// `leadsim sweep FILE --shard K/N --out DIR`: one shard of a scenario's tasks (run × trial), for
// a job array. Shard K runs the tasks whose index i (in the order of the report) has
// i mod N = K, and writes their results to DIR/shard-K-of-N.json; `leadsim merge` puts the N
// shard files together into the reports a single `leadsim run` writes.
// Exit 1 when a run broke an invariant (the shard is still written, and merge reports it too).
import { join } from 'node:path';
import { execute } from '../../sim/execute.js';
import { prepareOutputFile } from '../../sim/report/output-dir.js';
import { writeFileAtomic } from '../../sim/report/write-reports.js';
import {
  encodeShard,
  fingerprint,
  parseShardSpec,
  inShard,
  shardFileName,
  shardIndices,
  ShardError,
  SHARD_FORMAT,
} from '../../sim/shard.js';
import { exitCleanlyOnInterrupt } from '../interrupt.js';
import { EXIT_CHECK_FAILED, EXIT_OK, UsageError } from '../cli-errors.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';
import { progressBar } from '../progress.js';
import { printViolations, violationsOf } from '../violations.js';

export interface SweepOptions extends ScenarioOptions {
  shard: string;
  out: string;
  quiet?: boolean;
}

export async function sweepCommand(file: string, options: SweepOptions): Promise<number> {
  exitCleanlyOnInterrupt();
  let spec;
  try {
    spec = parseShardSpec(options.shard);
  } catch (error) {
    throw error instanceof ShardError ? new UsageError(error.message) : error;
  }
  const [scenario] = loadAll([file], options, { shards: spec.of });
  const tasks = scenario.runs.length * scenario.trials;
  if (spec.of > tasks)
    throw new UsageError(
      `--shard ${options.shard}: ${scenario.file} has ${tasks} task(s) (run × trial), so N may be at most ${tasks}; more shards would be empty`,
    );
  if (options.out.trim() === '')
    throw new UsageError(`--out '${options.out}': an empty path (an unset shell variable?): name a folder for the shard files`);
  // checked before anything runs: a shard file of an earlier split may be replaced, nothing else
  const target = prepareOutputFile(
    join(options.out, shardFileName(spec)),
    '--out',
    (head) => head.startsWith(`{"format":"${SHARD_FORMAT}"`),
    'leadsim shard file',
  );
  const indices = shardIndices(tasks, spec);
  const progress = progressBar(`${scenario.name} shard ${spec.shard}/${spec.of}`, !options.quiet);
  const { results } = await execute(scenario.runs, {
    trials: scenario.trials,
    isolate: true,
    select: inShard(spec),
    onRunDone: (done, total) => progress.update(done, total),
  });
  progress.stop();
  if (results.length !== indices.length)
    throw new Error(`shard ${spec.shard}/${spec.of}: ${results.length} results for ${indices.length} tasks`);

  writeFileAtomic(
    target,
    encodeShard({
      format: SHARD_FORMAT,
      scenario: scenario.name,
      description: scenario.description,
      sweepKeys: scenario.sweepKeys,
      fingerprint: fingerprint(scenario.runs, scenario.trials),
      seed: scenario.baseSeed,
      trials: scenario.trials,
      runs: scenario.runs.length,
      tasks,
      shard: spec.shard,
      of: spec.of,
      entries: results.map((result, i) => ({ index: indices[i], result })),
    }),
  );

  const violations = violationsOf(results);
  printViolations(scenario.file, violations);
  process.stdout.write(
    options.quiet
      ? `${target}\n`
      : `${scenario.name}: shard ${spec.shard} of ${spec.of}, ${results.length} of ${tasks} task(s) (run × trial): ${target}\n`,
  );
  return violations.length > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}
