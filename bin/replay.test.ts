// `leadsim replay` and the replay pages `run` writes, as a user meets them: same seed ⇒ same
// bytes, --no-replay skips them, --out never replaces a file leadsim did not write, and bad
// options are one line and exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, runLeadsim, scratchDir } from '../test/cli.js';

const tmp = () => scratchDir('replay-cli');
const leadsim = (...args: string[]) => runLeadsim(args);

const scenario = `name: replay-small
description: Two variants lose a node.
seed: 9
duration: 2s
warmup: 200ms
workload: { arrival: { kind: poisson, rate: 300/s }, timeout: 100ms }
network: { delay: { dist: lognormal, median: 500us, p99: 2ms } }
faults: [{ at: 1s, crash: 0 }]
variants:
  - { name: raft 3, architecture: { kind: raft-group, nodes: 3 } }
  - { name: lb, architecture: { kind: stateless-lb, nodes: 3, policy: round-robin } }
`;

function scenarioFile(): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, scenario);
  return file;
}

describe('replay pages', () => {
  const file = scenarioFile();

  it('run writes one page per variant (safe file names), linked from index.html; --no-replay skips them', () => {
    const [a, b] = [tmp(), tmp()];
    expect(leadsim('run', file, '--out', a, '--quiet').code).toBe(0);
    expect(readdirSync(a).filter((f) => f.startsWith('replay-'))).toEqual(['replay-lb.html', 'replay-raft_3.html']);
    expect(readFileSync(join(a, 'index.html'), 'utf8')).toContain('href="replay-raft_3.html"');
    expect(leadsim('run', file, '--out', b, '--quiet', '--no-replay').code).toBe(0);
    expect(readdirSync(b).some((f) => f.startsWith('replay-'))).toBe(false);
    expect(readFileSync(join(b, 'index.html'), 'utf8')).not.toContain('href="replay-');
  });

  it('leadsim replay writes the same bytes as run for the default window, and rewrites its own page', () => {
    const dir = tmp();
    expect(leadsim('run', file, '--out', dir, '--quiet').code).toBe(0);
    const out = join(tmp(), 'page.html');
    for (let i = 0; i < 2; i++)
      expect(leadsim('replay', file, '--variant', 'raft 3', '--out', out)).toMatchObject({ code: 0, stdout: `${out}\n` });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'replay-raft_3.html'), 'utf8'));
  });

  it("embeds the player as tsc compiles it, not as the CLI's bundle would reprint it (the bytes of every page)", () => {
    const out = join(tmp(), 'player.html');
    expect(leadsim('replay', file, '--out', out).code).toBe(0);
    const page = readFileSync(out, 'utf8');
    for (const [module, name] of [
      ['player-model', 'replayModel'],
      ['player-view', 'replayView'],
      ['player-main', 'replayMain'],
    ]) {
      // in a plain node: vitest would transform the module it imports, and with it the function's text
      const url = pathToFileURL(join(root, 'dist', 'sim', 'report', 'replay', `${module}.js`)).href;
      const printed = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `process.stdout.write((await import('${url}')).${name}.toString())`],
        {
          encoding: 'utf8',
        },
      );
      expect(printed.stdout).toMatch(/^function /);
      expect(page).toContain(printed.stdout);
    }
  });

  it('picks a trial and window', () => {
    const out = join(tmp(), 'window.html');
    expect(leadsim('replay', file, '--trial', '0', '--from', '1.2s', '--to', '1500ms', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('window 1200–1500 ms');
  });

  it('refuses to overwrite a file leadsim did not write, and leaves it as it was', () => {
    const out = join(tmp(), 'notes.html');
    writeFileSync(out, '<p>my notes</p>');
    const r = leadsim('replay', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `leadsim: --out ${out}: is a file leadsim did not write (not a leadsim replay page); leadsim will not overwrite it\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('<p>my notes</p>');
  });

  it.each([
    [['--variant', 'nope'], '--variant nope: SCENARIO has no such variant (it has: raft 3, lb)'],
    [['--trial', '3'], '--trial 3: expected a whole number from 0 to 0'],
    [['--from', 'soon'], '--from soon: expected a time such as 2.5s or 2500ms'],
    [['--from', '1.5s', '--to', '1s'], "--to 1s: must come after the window's start (1500 ms)"],
    [['--from', '5s'], '--from 5s: expected a time within the run (0 to 2000 ms)'],
    [['--out', 'page.txt'], '--out page.txt: expected a file name ending in .html'],
  ])('bad options %j: one line, exit 2', (args, message) => {
    const r = leadsim('replay', file, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`leadsim: ${message.replace('SCENARIO', file)}\n`);
    expect(existsSync(join(root, 'page.txt'))).toBe(false);
    expect(existsSync(join(root, 'reports', 'replay-small'))).toBe(false); // a refused command makes no folder
  });
});
