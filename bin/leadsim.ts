#!/usr/bin/env node
// The leadsim command line: a thin layer of commander over the programmatic API in sim/.
// Every command loads what it needs only when it is called (a dynamic import in its action):
// `--version` and `--help` load commander alone, `validate` the scenario loader (zod, yaml) but
// not the simulator, and only `run` and `replay` the report writers (jsdom).
// commander through @commander-js/extra-typings: each action's arguments and options are typed
// from the options declared on its command, so the compiler checks them against the command's
// own options type (RunOptions, CheckOptions, ...) — a renamed flag or a dropped default fails
// the build instead of arriving as undefined.
import { Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { exitOnError } from './cli-errors.js';
import { finish, watchStandardOutput } from './finish.js';
import { packageVersion } from './paths.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function scenarioOptions<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command
    .option('--seed <n>', 'override the scenario seed')
    .option('--trials <n>', 'override the number of Monte Carlo trials')
    .option('--set <path=value>', 'override any scenario key by dotted path (repeatable)', collect, [])
    .option('--max-events <n>', 'the event budget of one run, e.g. 2e9 (default 5e8; a command gets 10 times it)');
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('leadsim')
    .description('Deterministic discrete-event simulator: when does leader election help, and when does shared-nothing scaling win?')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    // a usage error is one line, as every other error (the help is one option away)
    .configureOutput({
      outputError: (text, write) => write(`leadsim: ${text.replace(/^error: /, '').trim()} (see leadsim --help)\n`),
    });
  const exitWith = finish;

  scenarioOptions(program.command('run').description('run scenarios, write reports, print a summary').argument('<files...>'))
    .option('--out <dir>', 'report directory (default reports/<scenario name>/)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print only where the reports are')
    .option('--no-replay', 'skip the replay pages (replay-<variant>.html)')
    .option(
      '--format <list>',
      'which reports to write: a comma-separated list of csv, svg, html (csv alone loads no chart code)',
      'csv,svg,html',
    )
    .action(async (files: string[], options) => exitWith(await (await import('./commands/run.js')).runCommand(files, options)));

  scenarioOptions(
    program.command('validate').description('check scenario files without running them, and estimate their cost').argument('<files...>'),
  )
    .option('--json', 'print [{ file, scenario, runs, trials, events_estimate }]')
    .action(async (files: string[], options) => exitWith((await import('./commands/validate.js')).validateCommand(files, options)));

  program
    .command('list')
    .description('the bundled scenarios')
    .action(async () => exitWith((await import('./commands/list.js')).listCommand()));
  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(async () => exitWith((await import('./commands/schema.js')).schemaCommand()));

  scenarioOptions(
    program
      .command('check')
      .description('rerun scenarios and compare with a stored baseline; exit 1 on a regression')
      .argument('<files...>'),
  )
    .addOption(new Option('--baseline <dir>', 'baseline directory').makeOptionMandatory())
    .option('--tolerance <pct>', 'relative change that counts as a move', '5%')
    .option('--confidence <pct>', 'how sure a statistical regression must be (over all metrics at once)', '95%')
    .option('--exact', 'compare trial by trial instead of statistically (always so with fewer than 5 trials)')
    .option('--current <dir>', 'compare the report run or merge wrote in DIR (DIR/<scenario> for several files) instead of rerunning')
    .option('--junit <file>', 'write JUnit XML: a test case per variant × sweep point × metric and per expectation')
    .option('--markdown <file>', 'write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)')
    .option('--json', 'print the comparison as JSON')
    .option('--update', 'rewrite the baseline from this run')
    .action(async (files: string[], options) => exitWith(await (await import('./commands/check.js')).checkCommand(files, options)));

  scenarioOptions(
    program.command('sweep').description('run one shard of a scenario (a job array runs them all), for leadsim merge').argument('<file>'),
  )
    .addOption(new Option('--shard <K/N>', 'shard K of N to run, K from 0 to N-1 (task i is in shard i mod N)').makeOptionMandatory())
    .addOption(new Option('--out <dir>', 'directory for the shard file, shard-K-of-N.json').makeOptionMandatory())
    .option('--quiet', 'print only where the shard file is')
    .action(async (file: string, options) => exitWith(await (await import('./commands/sweep.js')).sweepCommand(file, options)));

  scenarioOptions(program.command('replay').description('write the replay page of one run and time window').argument('<file>'))
    .option('--variant <name>', 'the variant to replay (default: the first)')
    .option('--trial <k>', 'the trial to replay (default 0)')
    .option('--point <k>', 'the sweep point to replay, by index in file order (default 0)')
    .option('--from <time>', "the window's start, e.g. 2.5s (default: shortly before the first fault)")
    .option('--to <time>', "the window's end (default: a few seconds after the start)")
    .option('--out <file.html>', 'the page to write (default reports/<scenario>/replay-<variant>….html)')
    .action(async (file: string, options) => exitWith((await import('./commands/replay.js')).replayCommand(file, options)));

  program
    .command('playground')
    .description('write the playground: one offline page that runs any scenario in the browser')
    .option('--out <file.html>', 'the page to write (default reports/playground.html)')
    .action(async (options) => exitWith((await import('./commands/playground.js')).playgroundCommand(options)));

  program
    .command('merge')
    .description('merge the shards of a sweep into the reports a single run writes')
    .argument('<shards...>', 'shard files, or directories holding them')
    .option('--out <dir>', 'report directory (default reports/<scenario name>/)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print only where the reports are')
    .action(async (shards: string[], options) => exitWith(await (await import('./commands/merge.js')).mergeCommand(shards, options)));

  await program.parseAsync(argv);
}

watchStandardOutput();
main(process.argv).catch(exitOnError);
