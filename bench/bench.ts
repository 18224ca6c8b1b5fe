// `npm run bench`: leadsim's cases as whole processes (Node start-up, module loading and report
// writing included), each in absolute figures, and beside yardsticks measured in the same
// sitting where they are at hand: a minimal reference event loop (M/M/1 and a 1000-node heartbeat
// workload; `--reference FILE`, by default the project's shared one when it sits beside the
// repository) and, when `import simpy` works, SimPy on the same M/M/1 model. Rounds interleave the
// yardsticks with the cases; figures are medians over rounds. Each target prints its ratio and
// "pass" or "SHORT" (or why it cannot be judged). Benchmarks print; they never fail a build.
//   node dist/bench/bench.js [--rounds N] [--reference FILE] [case ...]   (npm run bench -- --rounds 5 engine-heartbeat)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCases } from './cases.js';
import { GROWTH_KINDS, GROWTH_SIZES, growthCaseName, type Growth } from './cost-growth.js';
import { measureProcess, median, type ProcessFigures } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const sharedReferenceLoop = resolve(repo, '..', 'shared', 'bench', 'reference-loop.mjs');
const leadsim = join(repo, 'dist', 'bin', 'leadsim.js');
const REFERENCE_EVENTS = 10_000_000;
const SIMPY_CUSTOMERS = 200_000;
const PRODUCT_REQUESTS = 2_000_000;

interface Medians {
  wall: number;
  cpu: number;
  peakMiB: number | null;
  stdout: string;
}

/** A yardstick's rates, per CPU second of its whole process; null where it was not measured. */
interface Yardsticks {
  mm1EventsPerS: number | null;
  mm1Wall: number | null;
  heartbeatEventsPerS: number | null;
  simpyCustomersPerS: number | null;
}

interface Target {
  what: string;
  /** null: the yardstick it is a ratio to was not measured in this sitting */
  ratio: number | null;
  bound: number;
  /** true: the ratio must reach the bound; false: stay under it */
  atLeast: boolean;
}

/** value / yardstick, or null without the yardstick. */
const per = (value: number, yardstick: number | null) => (yardstick === null ? null : value / yardstick);

interface Case {
  name: string;
  rounds?: number;
  command(out: string): [string, string[]];
  targets(m: Medians, y: Yardsticks): { rate: string; targets: Target[] };
}

const node = (...args: string[]): [string, string[]] => [process.execPath, args];
const inProcess = (name: string) => () => node(join(here, 'bench.js'), '--case', name);
const eventsOf = (m: Medians) => (JSON.parse(m.stdout.trim().split('\n').pop() as string) as { events: number }).events;
function noteOf(m: Medians): string {
  const last = m.stdout.trim().split('\n').pop() ?? '';
  return last.startsWith('{') ? ((JSON.parse(last) as { note?: string }).note ?? '') : '';
}
const rate = (x: number, unit: string) => `${(x / 1e6).toFixed(2)} M ${unit}/s`;

const cases: Case[] = [
  {
    name: 'cli-version',
    command: () => node(leadsim, '--version'),
    targets: () => ({ rate: '-', targets: [] }),
  },
  {
    name: 'cli-validate',
    command: () => node(leadsim, 'validate', join(repo, 'scenarios', 'mm1.yaml')),
    targets: (m) => ({ rate: '-', targets: [{ what: 's (CPU), under 0.2 s', ratio: m.cpu, bound: 0.2, atLeast: false }] }),
  },
  {
    name: 'engine-mm1',
    command: inProcess('engine-mm1'),
    targets: (m) => ({ rate: rate(eventsOf(m) / m.cpu, 'events'), targets: [] }),
  },
  {
    name: 'engine-heartbeat-1000-nodes',
    command: inProcess('engine-heartbeat'),
    targets: (m, y) => {
      const r = eventsOf(m) / m.cpu;
      return {
        rate: rate(r, 'events'),
        targets: [{ what: '× reference heartbeat events/s', ratio: per(r, y.heartbeatEventsPerS), bound: 1, atLeast: true }],
      };
    },
  },
  // As SimPy runs: the simulation and its tables, no charts or pages (`--format csv`).
  {
    name: 'product-mm1-2M-requests',
    command: (out) => node(leadsim, 'run', join(repo, 'bench', 'mm1-2M-requests.yaml'), '--out', out, '--quiet', '--format', 'csv'),
    targets: (m, y) => {
      const perS = PRODUCT_REQUESTS / m.cpu;
      // the reference loop's M/M/1 takes two events a customer
      const customersPerS = y.mm1EventsPerS === null ? null : y.mm1EventsPerS / 2;
      const targets: Target[] = [{ what: '× reference M/M/1 customers/s', ratio: per(perS, customersPerS), bound: 0.3, atLeast: true }];
      if (y.simpyCustomersPerS !== null)
        targets.push({ what: '× SimPy customers/s', ratio: perS / y.simpyCustomersPerS, bound: 15, atLeast: true });
      return { rate: rate(perS, 'requests'), targets };
    },
  },
  // The same run as a user gets it by default: every report, charts and pages included.
  {
    name: 'product-mm1-2M-all-reports',
    command: (out) => node(leadsim, 'run', join(repo, 'bench', 'mm1-2M-requests.yaml'), '--out', out, '--quiet'),
    targets: (m) => ({ rate: rate(PRODUCT_REQUESTS / m.cpu, 'requests'), targets: [] }),
  },
  {
    name: 'raft-1000-nodes-60s',
    command: inProcess('raft-1000-nodes-60s'),
    targets: (m) => ({ rate: rate(eventsOf(m) / m.cpu, 'events'), targets: [] }),
  },
  {
    name: 'raft-5-leader-crash-1000-trials',
    command: inProcess('raft-5-leader-crash-1000-trials'),
    targets: (m) => ({ rate: rate(eventsOf(m) / m.wall, 'events (wall)'), targets: [] }),
  },
  {
    name: 'raft-5-mtbf-2-simulated-hours',
    command: inProcess('raft-5-mtbf-2-simulated-hours'),
    targets: (m) => ({ rate: '-', targets: [{ what: 's (CPU), under 5 s', ratio: m.cpu, bound: 5, atLeast: false }] }),
  },
  {
    name: 'scaling-four-ways-3-to-1000',
    rounds: 1,
    command: (out) => node(leadsim, 'run', join(repo, 'scenarios', 'scaling-four-ways.yaml'), '--out', out, '--quiet'),
    targets: (m, y) => ({
      rate: '-',
      targets: [
        { what: '× reference 10 M-event M/M/1 wall time', ratio: per(m.wall, y.mm1Wall), bound: 90, atLeast: false },
        ...(m.peakMiB === null ? [] : [{ what: 'GiB peak, under 1', ratio: m.peakMiB / 1024, bound: 1, atLeast: false }]),
      ],
    }),
  },
  ...GROWTH_KINDS.flatMap((kind) =>
    GROWTH_SIZES.map((nodes): Case => ({
      name: growthCaseName(kind, nodes),
      command: inProcess(growthCaseName(kind, nodes)),
      targets: () => ({ rate: '-', targets: [] }),
    })),
  ),
];

/** A Python with SimPy: the one on PATH, else Debian's (python3-simpy3). */
function simpyPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import simpy'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

interface Job {
  name: string;
  rounds: number;
  run(): ProcessFigures;
}

function mediansOf(all: readonly ProcessFigures[]): Medians {
  const peaks = all.map((f) => f.peakMiB).filter((p): p is number => p !== null);
  return {
    wall: median(all.map((f) => f.wallSeconds)),
    cpu: median(all.map((f) => f.cpuSeconds ?? f.wallSeconds)),
    peakMiB: peaks.length > 0 ? Math.max(...peaks) : null,
    stdout: all[0].stdout,
  };
}

/** Round r runs every job once (A B C A B C …), so a drift in the machine's speed touches all alike. */
function measureInterleaved(jobs: readonly Job[], rounds: number): Map<string, Medians> {
  const figures = new Map<string, ProcessFigures[]>(jobs.map((j) => [j.name, []]));
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`round ${r + 1} of ${rounds}\n`);
    for (const job of jobs) if (r < job.rounds) figures.get(job.name)?.push(job.run());
  }
  return new Map([...figures].map(([name, all]) => [name, mediansOf(all)]));
}

function yardstickJobs(rounds: number, referenceLoop: string | null): Job[] {
  const python = simpyPython();
  if (python === null) console.log('(no SimPy: `apt-get install python3-simpy3` adds the SimPy comparison)');
  const jobs: Job[] = [];
  if (referenceLoop !== null)
    jobs.push(
      { name: 'reference mm1', rounds, run: () => measureProcess(process.execPath, [referenceLoop, 'mm1', String(REFERENCE_EVENTS)]) },
      {
        name: 'reference heartbeat',
        rounds,
        run: () => measureProcess(process.execPath, [referenceLoop, 'heartbeat', String(REFERENCE_EVENTS)]),
      },
    );
  if (python !== null)
    jobs.push({ name: 'SimPy', rounds, run: () => measureProcess(python, [join(repo, 'bench', 'simpy-mm1.py'), String(SIMPY_CUSTOMERS)]) });
  return jobs;
}

function yardsticks(m: Map<string, Medians>): Yardsticks {
  const mm1 = m.get('reference mm1');
  const heartbeat = m.get('reference heartbeat');
  const simpy = m.get('SimPy');
  return {
    mm1EventsPerS: mm1 === undefined ? null : REFERENCE_EVENTS / mm1.cpu,
    mm1Wall: mm1?.wall ?? null,
    heartbeatEventsPerS: heartbeat === undefined ? null : REFERENCE_EVENTS / heartbeat.cpu,
    simpyCustomersPerS: simpy === undefined ? null : SIMPY_CUSTOMERS / simpy.cpu,
  };
}

/** `--reference FILE`, else the project's shared loop when it sits beside the repository, else none. */
function referenceLoopOf(argv: readonly string[]): string | null {
  const at = argv.indexOf('--reference');
  if (at < 0) return existsSync(sharedReferenceLoop) ? sharedReferenceLoop : null;
  const file = resolve(argv[at + 1] ?? '');
  if (!existsSync(file)) {
    console.error(
      `bench: --reference ${argv[at + 1] ?? ''}: no such file (a reference event loop, run as \`node FILE mm1 N\` and \`node FILE heartbeat N\`)`,
    );
    process.exit(2);
  }
  return file;
}

function targetMark(t: Target): string {
  if (t.ratio === null) return `${t.what}: no yardstick in this sitting`;
  const pass = t.atLeast ? t.ratio >= t.bound : t.ratio < t.bound;
  return `${t.ratio.toFixed(2)} ${t.what} (${t.atLeast ? '≥' : '≤'} ${t.bound}: ${pass ? 'pass' : 'SHORT'})`;
}

/** How cost grows with N: events per simulated second and µs per event, a row a kind. */
function printGrowth(measured: Map<string, Medians>): void {
  const cells = (kind: string) =>
    GROWTH_SIZES.map((nodes) => {
      const m = measured.get(growthCaseName(kind, nodes));
      return m === undefined ? null : (JSON.parse(m.stdout.trim().split('\n').pop() as string) as { growth: Growth }).growth;
    });
  const rows = GROWTH_KINDS.map((kind) => ({ kind, cells: cells(kind) })).filter((r) => r.cells.some((c) => c !== null));
  if (rows.length === 0) return;
  console.log(`\nhow cost grows with N (2000 requests/s, half writes; µs per event = the slope between a 2 s and a 20 s run):`);
  console.log(`${'kind'.padEnd(16)}${GROWTH_SIZES.map((n) => `N=${n}`.padStart(26)).join('')}`);
  for (const { kind, cells } of rows) {
    const text = cells.map((c) =>
      (c === null ? '-' : `${(c.eventsPerSimulatedS / 1000).toFixed(0)} k ev/sim s, ${c.microsPerEvent.toFixed(2)} µs`).padStart(26),
    );
    console.log(`${kind.padEnd(16)}${text.join('')}`);
  }
}

function caseJob(c: Case, rounds: number): Job {
  return {
    name: c.name,
    rounds: c.rounds ?? rounds,
    run: () => {
      const out = mkdtempSync(join(tmpdir(), 'leadsim-bench-'));
      try {
        const [cmd, args] = c.command(join(out, 'report'));
        return measureProcess(cmd, args);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const roundsAt = argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 3;
  const only = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--rounds' && argv[i - 1] !== '--reference');
  const referenceLoop = referenceLoopOf(argv);
  console.log(
    `leadsim bench — node ${process.version}; medians of ${rounds} interleaved rounds of whole processes; rates and ratios per CPU second`,
  );
  if (referenceLoop === null) console.log('(no reference loop: absolute figures only; `--reference FILE` adds the ratios)');
  const chosen = cases.filter((c) => only.length === 0 || only.includes(c.name));
  const measured = measureInterleaved([...yardstickJobs(rounds, referenceLoop), ...chosen.map((c) => caseJob(c, rounds))], rounds);
  const y = yardsticks(measured);
  const reference =
    y.mm1EventsPerS === null || y.heartbeatEventsPerS === null || y.mm1Wall === null
      ? 'no reference loop'
      : `reference mm1 ${rate(y.mm1EventsPerS, 'events')} (${y.mm1Wall.toFixed(2)} s wall for 10 M), heartbeat ${rate(y.heartbeatEventsPerS, 'events')}`;
  const simpy = y.simpyCustomersPerS === null ? '' : `; SimPy ${rate(y.simpyCustomersPerS, 'customers')}`;
  console.log(`yardsticks: ${reference}${simpy}`);
  console.log(`${'case'.padEnd(32)}${'wall s'.padStart(8)}${'cpu s'.padStart(8)}${'peak MiB'.padStart(10)}  ${'rate'.padEnd(22)}targets`);
  for (const c of chosen) {
    const m = measured.get(c.name) as Medians;
    const { rate: r, targets } = c.targets(m, y);
    const marks = targets.map(targetMark);
    const peak = m.peakMiB === null ? '-' : m.peakMiB.toFixed(0);
    console.log(
      `${c.name.padEnd(32)}${m.wall.toFixed(2).padStart(8)}${m.cpu.toFixed(2).padStart(8)}${peak.padStart(10)}  ${r.padEnd(22)}${marks.join('; ')}`,
    );
    const note = noteOf(m);
    if (note) console.log(`${''.padEnd(34)}${note}`);
  }
  printGrowth(measured);
}

async function childMain(name: string): Promise<void> {
  const found = benchCases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no bench case ${name}`);
  console.log(JSON.stringify(await found.run()));
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) await childMain(process.argv[caseIndex + 1]);
else main();
