// `npm run bench`: leadsim beside yardsticks measured in the same sitting — the minimal loop of
// ../shared/bench/reference-loop.mjs (M/M/1 and the 1000-node heartbeat workload) and, when
// `import simpy` works, SimPy on the same M/M/1 model. Every figure is a whole process (Node or
// Python start-up, module loading and report writing included), run in rounds that interleave
// the yardsticks with the cases, and quoted as the median over rounds. Each target prints its
// ratio and "pass" or "short". Benchmarks print; they never fail a build.
//   node dist/bench/bench.js [--rounds N] [case ...]      (npm run bench -- --rounds 5 engine-heartbeat)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCases } from './cases.js';
import { measureProcess, median, type ProcessFigures } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const referenceLoop = resolve(repo, '..', 'shared', 'bench', 'reference-loop.mjs');
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

/** A yardstick's rates, per CPU second of its whole process. */
interface Yardsticks {
  mm1EventsPerS: number;
  mm1Wall: number;
  heartbeatEventsPerS: number;
  simpyCustomersPerS: number | null;
}

interface Target {
  what: string;
  ratio: number;
  bound: number;
  /** true: the ratio must reach the bound; false: stay under it */
  atLeast: boolean;
}

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
        targets: [{ what: '× reference heartbeat events/s', ratio: r / y.heartbeatEventsPerS, bound: 1, atLeast: true }],
      };
    },
  },
  {
    name: 'product-mm1-2M-requests',
    command: (out) => node(leadsim, 'run', join(repo, 'bench', 'mm1-2M-requests.yaml'), '--out', out, '--quiet'),
    targets: (m, y) => {
      const perS = PRODUCT_REQUESTS / m.cpu;
      const targets: Target[] = [{ what: '× reference M/M/1 customers/s', ratio: perS / (y.mm1EventsPerS / 2), bound: 0.3, atLeast: true }];
      if (y.simpyCustomersPerS !== null)
        targets.push({ what: '× SimPy customers/s', ratio: perS / y.simpyCustomersPerS, bound: 25, atLeast: true });
      return { rate: rate(perS, 'requests'), targets };
    },
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
        { what: '× reference 10 M-event M/M/1 wall time', ratio: m.wall / y.mm1Wall, bound: 90, atLeast: false },
        ...(m.peakMiB === null ? [] : [{ what: 'GiB peak, under 1', ratio: m.peakMiB / 1024, bound: 1, atLeast: false }]),
      ],
    }),
  },
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

function yardstickJobs(rounds: number): Job[] {
  const python = simpyPython();
  if (python === null) console.log('(no SimPy: `apt-get install python3-simpy3` adds the SimPy comparison)');
  const jobs: Job[] = [
    { name: 'reference mm1', rounds, run: () => measureProcess(process.execPath, [referenceLoop, 'mm1', String(REFERENCE_EVENTS)]) },
    {
      name: 'reference heartbeat',
      rounds,
      run: () => measureProcess(process.execPath, [referenceLoop, 'heartbeat', String(REFERENCE_EVENTS)]),
    },
  ];
  if (python !== null)
    jobs.push({ name: 'SimPy', rounds, run: () => measureProcess(python, [join(repo, 'bench', 'simpy-mm1.py'), String(SIMPY_CUSTOMERS)]) });
  return jobs;
}

function yardsticks(m: Map<string, Medians>): Yardsticks {
  const mm1 = m.get('reference mm1') as Medians;
  const simpy = m.get('SimPy');
  return {
    mm1EventsPerS: REFERENCE_EVENTS / mm1.cpu,
    mm1Wall: mm1.wall,
    heartbeatEventsPerS: REFERENCE_EVENTS / (m.get('reference heartbeat') as Medians).cpu,
    simpyCustomersPerS: simpy === undefined ? null : SIMPY_CUSTOMERS / simpy.cpu,
  };
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
  const only = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--rounds');
  if (!existsSync(referenceLoop)) {
    console.error(`bench: the reference loop is not at ${referenceLoop} (the bench expects ../shared/ beside the repository)`);
    process.exit(2);
  }
  console.log(
    `leadsim bench — node ${process.version}; medians of ${rounds} interleaved rounds of whole processes; rates and ratios per CPU second`,
  );
  const chosen = cases.filter((c) => only.length === 0 || only.includes(c.name));
  const measured = measureInterleaved([...yardstickJobs(rounds), ...chosen.map((c) => caseJob(c, rounds))], rounds);
  const y = yardsticks(measured);
  const simpy = y.simpyCustomersPerS === null ? '' : `; SimPy ${rate(y.simpyCustomersPerS, 'customers')}`;
  console.log(
    `yardsticks: reference mm1 ${rate(y.mm1EventsPerS, 'events')} (${y.mm1Wall.toFixed(2)} s wall for 10 M), heartbeat ${rate(y.heartbeatEventsPerS, 'events')}${simpy}`,
  );
  console.log(`${'case'.padEnd(32)}${'wall s'.padStart(8)}${'cpu s'.padStart(8)}${'peak MiB'.padStart(10)}  ${'rate'.padEnd(22)}targets`);
  for (const c of chosen) {
    const m = measured.get(c.name) as Medians;
    const { rate: r, targets } = c.targets(m, y);
    const marks = targets.map((t) => {
      const pass = t.atLeast ? t.ratio >= t.bound : t.ratio < t.bound;
      return `${t.ratio.toFixed(2)} ${t.what} (${t.atLeast ? '≥' : '≤'} ${t.bound}: ${pass ? 'pass' : 'SHORT'})`;
    });
    const peak = m.peakMiB === null ? '-' : m.peakMiB.toFixed(0);
    console.log(
      `${c.name.padEnd(32)}${m.wall.toFixed(2).padStart(8)}${m.cpu.toFixed(2).padStart(8)}${peak.padStart(10)}  ${r.padEnd(22)}${marks.join('; ')}`,
    );
    const note = noteOf(m);
    if (note) console.log(`${''.padEnd(34)}${note}`);
  }
}

async function childMain(name: string): Promise<void> {
  const found = benchCases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no bench case ${name}`);
  const { events, note } = await found.run();
  console.log(JSON.stringify({ events, note }));
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) await childMain(process.argv[caseIndex + 1]);
else main();
