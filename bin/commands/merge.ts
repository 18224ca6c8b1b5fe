// `leadsim merge DIR_OR_FILES... [--out DIR]`: the shard files of one split (`leadsim sweep
// --shard K/N`) put back together into the reports a single `leadsim run` of the same scenario
// writes, byte for byte. Refuses (exit 2) shards of different runs or of different N, a shard
// given twice, and a split with shards missing (naming them). Exit 1 when a run broke an
// invariant, as run does (the reports are still written).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunResult } from '../../sim/metrics/run-result.js';
import { prepareOutputDir, reportDirsFor } from '../../sim/report/output-dir.js';
import { INDEX_FILE } from '../../sim/report/files.js';
import { writeReports } from '../../sim/report/write-reports.js';
import { readInputText } from '../../sim/scenario/input-file.js';
import { decodeShard, mergeShards, ShardError, SHARD_FILE_PATTERN, type ShardFile } from '../../sim/shard.js';
import { exitCleanlyOnInterrupt } from '../interrupt.js';
import { EXIT_CHECK_FAILED, EXIT_OK, UsageError } from '../cli-errors.js';
import { headline } from '../headline.js';
import { summaryTable } from '../summary-table.js';
import { printViolations, violationsOf } from '../violations.js';

/** A shard holds whole results (time series of every trial); a JavaScript string holds at most ~512 MB. */
const MAX_SHARD_BYTES = 500 * 1024 * 1024;

export interface MergeOptions {
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

export async function mergeCommand(inputs: string[], options: MergeOptions): Promise<number> {
  exitCleanlyOnInterrupt();
  const paths = shardPaths(inputs);
  let merged: ReturnType<typeof mergeShards>;
  try {
    merged = mergeShards(paths.map((path) => ({ name: path, file: readShard(path) })));
  } catch (error) {
    throw error instanceof ShardError ? new UsageError(error.message) : error;
  }
  const { header, results } = merged;
  const [outDir] = reportDirsFor([{ name: header.scenario, from: paths[0] }], options.out);
  // writeReports replaces outDir as a whole: it must not take the shards with it
  prepareOutputDir(outDir, { option: '--out', inputs: paths });
  await writeReports(outDir, { scenario: header.scenario, description: header.description, results, sweepKeys: header.sweepKeys });
  return report(header.scenario, header.description, outDir, results, options);
}

/** The shard files named, or in the directories named (shard-K-of-N.json), each once. */
function shardPaths(inputs: string[]): string[] {
  const paths: string[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      throw new UsageError(`${input}: no such shard file or directory`);
    }
    if (!isDir) {
      paths.push(resolve(input));
      continue;
    }
    const found = readdirSync(input)
      .filter((name) => SHARD_FILE_PATTERN.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (found.length === 0) throw new UsageError(`${input}: no shard files (shard-K-of-N.json, as leadsim sweep --shard K/N writes) in it`);
    paths.push(...found.map((name) => resolve(join(input, name))));
  }
  return [...new Set(paths)];
}

function readShard(path: string): ShardFile {
  return decodeShard(readInputText(path, { what: 'shard file', maxBytes: MAX_SHARD_BYTES }), path);
}

/** What run prints for the same results: violations on stderr, the summary or JSON on stdout. */
function report(scenario: string, description: string, outDir: string, results: RunResult[], options: MergeOptions): number {
  const violations = violationsOf(results);
  printViolations(scenario, violations);
  if (options.json)
    process.stdout.write(
      JSON.stringify([{ scenario, report: `${outDir}/${INDEX_FILE}`, summary: results.map((r) => r.summary), violations }], null, 2) + '\n',
    );
  else if (!options.quiet) {
    process.stdout.write(`\n${[scenario, headline(description)].filter(Boolean).join(': ')}\n${summaryTable(results)}\n`);
    process.stdout.write(`report: ${outDir}/index.html\n`);
  } else process.stdout.write(`${outDir}/index.html\n`);
  return violations.length > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}
