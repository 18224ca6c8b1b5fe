// A small disk that fills up, for tests of what leadsim does when there is no space left: a
// tmpfs of a few kilobytes, mounted for the test and unmounted after it. Mounting needs root
// (CI runs as root); elsewhere the test is skipped and says why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Skippable {
  skip: (note?: string) => never;
}

/** Runs `body` with the path of a fresh tmpfs of `bytes` (a multiple of 4096), or skips the test. */
export function withTinyDisk(context: Skippable, bytes: number, body: (disk: string) => void): void {
  if (process.getuid?.() !== 0) context.skip('mounting a small tmpfs to fill up needs root (CI runs as root)');
  const disk = mkdtempSync(join(tmpdir(), 'leadsim-disk-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', disk], { encoding: 'utf8' });
  if (mount.status !== 0) {
    rmSync(disk, { recursive: true, force: true });
    context.skip(`cannot mount a tmpfs here (${mount.stderr.trim() || 'mount failed'})`);
  }
  try {
    body(disk);
  } finally {
    spawnSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  }
}
