// vitest global setup: every test (and every CLI it spawns) makes its temporary folders under one
// fresh folder, removed when the run ends — so a test run leaves nothing in the system's temp
// folder, however many mkdtemp calls the tests make. os.tmpdir() reads TMPDIR on every call, and
// test workers and spawned processes inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'leadsim-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
