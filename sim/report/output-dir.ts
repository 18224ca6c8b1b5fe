// Where leadsim may write, decided before anything is simulated. A report folder is replaced as
// a whole, so leadsim writes only into a folder that is missing, empty, or an earlier leadsim
// report — recognised by the marker file every report carries. Anything else (a folder of the
// user's own files, a regular file, the working folder, an empty path) is refused and left
// exactly as it was. Every command that writes (run, merge, check --update, sweep, replay) goes
// through here; see the README's "What leadsim will and won't touch".
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { errnoCode, fsReason } from '../scenario/input-file.js';
import { isAlive, isWithin, lockOutput, makeParents, OutputError, removeIfEmpty } from './output-process.js';
import { basename, dirname, join, resolve } from 'node:path';

export { makeParents, OutputError, removeTemporaries, trackTemporary, untrackTemporary } from './output-process.js';

/** The file that marks a folder as a leadsim report (or baseline) that leadsim may replace. */
export const REPORT_MARKER = '.leadsim-report';
export const MARKER_TEXT = 'Written by leadsim: a later run with the same output replaces this folder as a whole.\n';

export interface OutputRules {
  /** How the user named this output, for messages: '--out', '--baseline', ... */
  option: string;
  /** Accepts a folder without the marker that an older leadsim wrote (its entry names). */
  legacy?: (entries: string[]) => boolean;
  /** The command's input files: a folder that holds one is never replaced. */
  inputs?: readonly string[];
}

const RULE = 'leadsim writes only into a missing or empty folder or an earlier leadsim report';

/**
 * Checks that `dir` may receive a report, removes what killed runs left next to it and makes
 * sure its parent can be written. Returns the absolute path. Throws OutputError otherwise.
 */
export function prepareOutputDir(dir: string, rules: OutputRules): string {
  const target = checkReplaceable(dir, rules);
  probeWritable(target, rules.option, dir);
  lockOutput(target, rules.option, dir);
  removeLeftovers(target);
  return target;
}

/** The absolute path of `dir` if replacing it destroys nothing of the user's; else OutputError. */
export function checkReplaceable(dir: string, rules: OutputRules): string {
  const { option } = rules;
  if (dir.trim() === '') throw new OutputError(`${option} '${dir}': an empty path (an unset shell variable?): name a report folder`);
  const target = resolve(dir);
  const real = realPath(target);
  if (isWithin(target, process.cwd()) || isWithin(real, realPath(process.cwd())))
    throw new OutputError(`${option} ${dir}: is the folder you are in (or holds it); ${RULE}: name a subfolder such as reports/my-run`);
  if (dirname(target) === target) throw new OutputError(`${option} ${dir}: is the root of the file system; ${RULE}`);
  const input = rules.inputs?.find((file) => isWithin(real, realPath(resolve(file))));
  if (input !== undefined)
    throw new OutputError(
      `${option} ${dir}: holds ${input}, an input of this command, and a report replaces its folder as a whole: choose another ${option}`,
    );
  const kind = kindOf(target);
  if (kind === 'missing') return target;
  if (kind !== 'directory') throw new OutputError(`${option} ${dir}: is ${kind}, not a report folder; ${RULE}`);
  if (isMountPoint(target))
    throw new OutputError(
      `${option} ${dir}: is a mount point, which cannot be replaced by renaming as a report is; name a folder inside it, such as ${join(dir, 'report')}`,
    );
  const entries = readdirSync(target);
  if (entries.length === 0 || entries.includes(REPORT_MARKER) || rules.legacy?.(entries)) return target;
  throw new OutputError(
    `${option} ${dir}: holds ${entries.length} file(s) that are not a leadsim report (no ${REPORT_MARKER} marker), ` +
      `and a report replaces its folder as a whole; ${RULE}: choose another ${option}`,
  );
}

/**
 * For a single output file (a shard, a replay page, a JUnit file): it may be missing or a file
 * leadsim wrote before (`isOurs` judges its first bytes). Returns the absolute path.
 */
export function prepareOutputFile(file: string, option: string, isOurs: (head: string) => boolean, what: string): string {
  if (file.trim() === '') throw new OutputError(`${option} '${file}': an empty path (an unset shell variable?)`);
  const target = resolve(file);
  const kind = kindOf(target);
  if (kind !== 'missing' && kind !== 'a regular file')
    throw new OutputError(`${option} ${file}: is ${kind === 'directory' ? 'a folder' : kind}; expected a ${what} to write`);
  if (kind === 'a regular file' && !isOurs(headOf(target)))
    throw new OutputError(`${option} ${file}: is a file leadsim did not write (not a ${what}); leadsim will not overwrite it`);
  // the folders made to try are removed again: a kill while simulating leaves nothing (the write makes them anew)
  probeWritable(target, option, file, false);
  return target;
}

type Kind = 'missing' | 'directory' | 'a regular file' | 'a symbolic link' | 'a special file (device, FIFO or socket)';

function kindOf(path: string): Kind {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'missing'; // probeWritable names the file in the way
    throw new OutputError(`${path}: cannot look at it: ${fsReason(error)}`);
  }
  if (stat.isDirectory()) return 'directory';
  if (stat.isFile()) return 'a regular file';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'a special file (device, FIFO or socket)';
}

function isDirectoryLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const DISK_FAILURES = ['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM', 'EIO'];

/**
 * A write that failed because of the user's disk (full, over quota, read-only, not allowed) as
 * an OutputError naming the path (a failed write(2) names none); any other error as it was.
 */
export function diskFailure(error: unknown, path: string, option?: string): unknown {
  if (!DISK_FAILURES.includes(errnoCode(error) ?? '')) return error;
  const what = option === undefined ? path : `${option} ${path}`;
  return new OutputError(`${what}: ${fsReason(error)} while writing it; nothing was replaced (an earlier one is left as it was)`);
}

/** The real path of `path` (symbolic links resolved) even when its last parts do not exist yet. */
function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
  }
}

/** A folder another file system is mounted on (a container volume): it cannot be renamed. */
function isMountPoint(dir: string): boolean {
  if (statSync(dir).dev !== statSync(dirname(dir)).dev) return true;
  let table: string;
  try {
    table = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return false; // not Linux: the device comparison above is all there is
  }
  const real = realPath(dir);
  // field 5 is the mount point, with spaces and the like escaped as octal
  return table
    .split('\n')
    .some((line) => line.split(' ')[4]?.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))) === real);
}

function headOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Creates the parent folders and a throw-away sibling, so an unwritable place fails now, not after the run. */
function probeWritable(target: string, option: string, asTyped: string, keepParents = true): void {
  const probe = `${target}.tmp-${process.pid}`;
  let ancestor = dirname(target);
  while (kindOf(ancestor) === 'missing' && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!['directory', 'missing'].includes(kindOf(ancestor)) && !isDirectoryLink(ancestor))
    throw new OutputError(`${option} ${asTyped}: cannot write there: ${ancestor} is a file, not a folder`);
  try {
    const made = makeParents(target);
    mkdirSync(probe);
    rmSync(probe, { recursive: true, force: true });
    if (!keepParents) removeIfEmpty(made);
  } catch (error) {
    throw new OutputError(`${option} ${asTyped}: cannot write there: ${fsReason(error)}`);
  }
}

// `<target>.tmp-<pid>` and `<target>.old-<pid>`: what replaceDirectory keeps next to a target
// while it works. A folder in the making carries TEMPORARY_MARKER naming itself: only such a
// folder of a process that no longer runs is removed by the next run to that place. An old
// report set aside (`.old-<pid>`, a report marker in it) is the only complete copy while the
// target is missing: it is renamed back, never deleted then.
export const TEMPORARY_MARKER = '.leadsim-temporary';

/** Recovers or removes what processes no longer running left next to `target` (nothing else). */
export function removeLeftovers(target: string): void {
  const parent = dirname(target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // no parent yet: nothing left over
  }
  const left = (kind: 'tmp' | 'old') =>
    names.filter((name) => {
      const match = LEFTOVER.exec(name);
      return match !== null && match[1] === basename(target) && match[2] === kind && !isAlive(Number(match[3]));
    });
  for (const name of newestFirst(parent, left('old'))) {
    const path = join(parent, name);
    if (kindOf(path) !== 'directory' || !markerNames(path, name)) continue;
    if (kindOf(target) !== 'missing') removeReport(path);
    else {
      renameSync(path, target);
      rmSync(join(target, TEMPORARY_MARKER), { force: true });
    }
  }
  for (const name of left('tmp')) {
    const path = join(parent, name);
    if (kindOf(path) === 'directory' && markerNames(path, name)) removeReport(path);
  }
}

const LEFTOVER = /^(.*)\.(tmp|old)-(\d+)$/;

function markerNames(dir: string, name: string): boolean {
  try {
    return readFileSync(join(dir, TEMPORARY_MARKER), 'utf8') === name;
  } catch {
    return false;
  }
}

function newestFirst(parent: string, names: string[]): string[] {
  const time = (name: string) => lstatSync(join(parent, name)).mtimeMs;
  return [...names].sort((a, b) => time(b) - time(a));
}

/** Removes a report folder with its markers last, so that a kill midway leaves it recognisable. */
export function removeReport(dir: string): void {
  allowWrites(dir);
  for (const name of readdirSync(dir))
    if (name !== REPORT_MARKER && name !== TEMPORARY_MARKER) rmSync(join(dir, name), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** Gives the owner write permission on a report folder that lacks it (kept from a folder such
 *  as an empty 555 one given as --out), so that it can be marked and emptied; root needs none. */
export function allowWrites(dir: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o700);
  }
}

const REPORTS_ROOT = 'reports';
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `reports/<name>` for a name that came from input (a scenario or a shard); never outside reports/. */
export function reportDirFor(name: string, root = REPORTS_ROOT): string {
  const dir = resolve(root, name);
  if (!SAFE_NAME.test(name) || dirname(dir) !== resolve(root))
    throw new OutputError(`scenario name '${name}' cannot name a folder under ${root}/: use letters, digits, '.', '_' or '-'`);
  return dir;
}

/** What will write a report, and the name of its folder (a scenario's name). */
export interface ReportSource {
  name: string;
  /** Where the name comes from, for messages (a scenario file). */
  from: string;
}

/**
 * The report folder of each source: `--out` itself for one source, `--out/<name>` for several,
 * `reports/<name>` without `--out`. Two sources that would share a folder are refused.
 */
export function reportDirsFor(sources: readonly ReportSource[], out: string | undefined, option = '--out'): string[] {
  if (out !== undefined && out.trim() === '')
    throw new OutputError(`${option} '${out}': an empty path (an unset shell variable?): name a report folder`);
  if (out !== undefined && sources.length === 1) return [resolve(out)];
  return dirsByName(sources, out ?? REPORTS_ROOT);
}

/** `<root>/<name>` for each source; two sources of one name are refused rather than overwrite each other. */
export function dirsByName(sources: readonly ReportSource[], root: string): string[] {
  const seen = new Map<string, ReportSource>();
  return sources.map((source) => {
    const dir = reportDirFor(source.name, root);
    const earlier = seen.get(dir);
    if (earlier !== undefined)
      throw new OutputError(
        `${earlier.from} and ${source.from} are both named '${source.name}', so their reports would overwrite each other in ${dir}: give one another name`,
      );
    seen.set(dir, source);
    return dir;
  });
}
