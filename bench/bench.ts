// `npm run bench`: leadsim's speed beside the minimal loop of ../shared/bench/reference-loop.mjs,
// measured in the same sitting. Each case runs in its own child process so its wall time and
// peak memory are its own. Benchmarks print; they never fail a build (tests never time things).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCases, type BenchCase } from './cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const referenceLoop = resolve(repo, '..', 'shared', 'bench', 'reference-loop.mjs');

interface Measured {
  events: number;
  seconds: number;
  maxRssMiB: number;
  note: string;
}

function runCaseInChild(name: string): Measured {
  const out = execFileSync(process.execPath, [join(here, 'bench.js'), '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measured;
}

function runReference(workload: string, events: number): number | null {
  if (!existsSync(referenceLoop)) return null;
  const line = execFileSync(process.execPath, [referenceLoop, workload, String(events)], { encoding: 'utf8' });
  const match = /events_per_s=(\d+)/.exec(line);
  return match ? Number(match[1]) : null;
}

async function childMain(name: string): Promise<void> {
  const found = benchCases.find((c: BenchCase) => c.name === name);
  if (found === undefined) throw new Error(`no bench case ${name}`);
  const out = mkdtempSync(join(tmpdir(), 'leadsim-bench-'));
  try {
    const started = process.hrtime.bigint();
    const { events, note } = await found.run(out);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ events, seconds, maxRssMiB, note }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function main(): void {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  console.log(`leadsim bench — node ${process.version}, medians are not taken: rerun to see the spread`);
  const reference = { mm1: runReference('mm1', 10_000_000), heartbeat: runReference('heartbeat', 10_000_000) };
  if (reference.mm1 === null) console.log(`(reference loop not found at ${referenceLoop}: ratios skipped)`);
  else console.log(`reference loop: mm1 ${fmt(reference.mm1)} events/s, heartbeat ${fmt(reference.heartbeat ?? 0)} events/s`);
  console.log(
    'case'.padEnd(34) +
      'events'.padStart(12) +
      'wall s'.padStart(9) +
      'events/s'.padStart(12) +
      '  ratio' +
      'peak MiB'.padStart(10) +
      '  note',
  );
  for (const c of benchCases) {
    if (only.length > 0 && !only.includes(c.name)) continue;
    const m = runCaseInChild(c.name);
    const rate = m.events / m.seconds;
    const ref = reference[c.reference];
    const ratio = ref ? (rate / ref).toFixed(2) : '  -';
    console.log(
      c.name.padEnd(34) +
        fmt(m.events).padStart(12) +
        m.seconds.toFixed(2).padStart(9) +
        fmt(rate).padStart(12) +
        ratio.padStart(7) +
        m.maxRssMiB.toFixed(0).padStart(10) +
        '  ' +
        m.note,
    );
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

const caseIndex = process.argv.indexOf('--case');
if (caseIndex >= 0) await childMain(process.argv[caseIndex + 1]);
else main();
