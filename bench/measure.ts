// Whole-process measurement for `npm run bench`, with public tools only: GNU time (when
// /usr/bin/time exists) reports a finished process's user and system CPU seconds and its peak
// resident memory; the wall clock is read here. CPU seconds are what the ratios use for
// single-threaded work: on a shared machine a process waiting for a core adds wall time that is
// not its own, but not CPU time (on an idle machine the two agree).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessFigures {
  wallSeconds: number;
  /** user + system seconds of the process and all its threads; null without GNU time */
  cpuSeconds: number | null;
  peakMiB: number | null;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

export function measureProcess(command: string, args: readonly string[]): ProcessFigures {
  const dir = mkdtempSync(join(tmpdir(), 'leadsim-bench-time-'));
  const figures = join(dir, 'figures');
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', '%U %S %M', '-o', figures, command, ...args]] : [command, [...args]];
  try {
    const started = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (!timed) return { wallSeconds, cpuSeconds: null, peakMiB: null, stdout: r.stdout };
    const [user, sys, peakKiB] = readFileSync(figures, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { wallSeconds, cpuSeconds: user + sys, peakMiB: peakKiB / 1024, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
