// What one leadsim process holds while it writes an output, and gives back when it exits: the
// lock on a report folder, the folders it made for an output (removed if left empty), the
// temporary paths an interrupt handler removes. See output-dir.ts for where it may write.
import { linkSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { errnoCode, fsReason } from '../scenario/input-file.js';

/** The output is somewhere leadsim must not or cannot write: the user's to fix (exit 2). */
export class OutputError extends Error {}

export function isAlive(pid: number): boolean {
  if (pid <= 0) return false; // 0 would signal our own process group
  if (pid === process.pid) return false; // our own leftover, from a step that failed
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

// One process at a time writes a report folder: `.<name>.leadsim-lock` beside it holds the pid
// of the leadsim process writing it, from the check before simulating until that process exits.
const LOCK_TEXT = /^leadsim (\d+)\n$/;
const locks = new Set<string>();

export function lockOutput(target: string, option: string, asTyped: string): void {
  const lock = join(dirname(target), `.${basename(target)}.leadsim-lock`);
  if (locks.has(lock)) return;
  for (let attempt = 0; !locks.has(lock); attempt++) {
    try {
      createWhole(lock, `leadsim ${process.pid}\n`);
      locks.add(lock);
      continue;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST' || attempt > 2)
        throw new OutputError(`${option} ${asTyped}: cannot lock it (${lock}): ${fsReason(error)}`);
    }
    const holder = LOCK_TEXT.exec(readLock(lock) ?? `leadsim ${process.pid}\n`); // gone meanwhile: try again
    if (holder === null)
      throw new OutputError(`${option} ${asTyped}: ${lock} is not leadsim's lock file; remove it or choose another ${option}`);
    if (isAlive(Number(holder[1])))
      throw new OutputError(
        `${option} ${asTyped}: another leadsim run (pid ${holder[1]}) is writing it; wait for it to finish or choose another ${option}`,
      );
    rmSync(lock, { force: true }); // its process is gone
  }
  cleanUpOnExit();
}

/** Creates `file` with `text` or fails with EEXIST, never leaving it empty or half-written (a full
 *  disk, a kill): the text goes into a file of this process's own, hard-linked into place. */
function createWhole(file: string, text: string): void {
  const mine = `${file}.${process.pid}`;
  try {
    writeFileSync(mine, text);
    linkSync(mine, file);
  } finally {
    rmSync(mine, { force: true });
  }
}

function readLock(lock: string): string | undefined {
  try {
    return readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
}

// Folders made for an output (its missing parents), innermost last: those left empty when the
// process exits (a full disk, a refusal after the check) are removed, so a failure leaves nothing.
const created: string[] = [];

/** Creates the missing folders above `path` and returns them, innermost first; those still empty at exit are removed. */
export function makeParents(path: string): string[] {
  const parent = dirname(path);
  const first = mkdirSync(parent, { recursive: true });
  if (first === undefined) return [];
  const made: string[] = [];
  for (let dir = parent; isWithin(first, dir); dir = dirname(dir)) made.push(dir);
  created.push(...made.filter((dir) => !created.includes(dir)));
  cleanUpOnExit();
  return made;
}

/** Removes each folder (innermost first) that is empty; leaves the others. */
export function removeIfEmpty(dirs: readonly string[]): void {
  for (const dir of dirs) {
    try {
      rmdirSync(dir);
    } catch {
      // holds something: the output, or another process's
    }
  }
}

let cleanUpInstalled = false;

function cleanUpOnExit(): void {
  if (cleanUpInstalled) return;
  cleanUpInstalled = true;
  process.on('exit', () => {
    for (const lock of locks) rmSync(lock, { force: true });
    locks.clear();
    removeIfEmpty(created);
  });
}

// Temporary paths in use, removed by an interrupt handler (SIGINT/SIGTERM) before it exits.
const temporaries = new Set<string>();

export function trackTemporary(path: string): void {
  temporaries.add(path);
}

export function untrackTemporary(path: string): void {
  temporaries.delete(path);
}

/** Removes every temporary path still in use (for an interrupt handler). */
export function removeTemporaries(): void {
  for (const path of temporaries) rmSync(path, { recursive: true, force: true });
  temporaries.clear();
}

/** Whether `path` is `dir` or inside it. */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}
