// An internal error's report names the command that reproduces it: the command as typed, not
// `leadsim run` for every command, and with every option (--out, --baseline, ...) kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandLine, exitOnError } from './cli-errors.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

describe('the "reproduces it" line of an internal error', () => {
  it('is the command as typed, options and all', async () => {
    const argv = process.argv;
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stderr += String(chunk);
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    });
    const exited = new Promise<void>((resolve) => vi.spyOn(process, 'exit').mockImplementation((() => resolve()) as () => never));
    process.argv = ['node', 'leadsim.js', 'check', 'my file.yaml', '--baseline', 'base', '--junit', 'out/j.xml'];
    try {
      exitOnError(new Error('a bug'));
    } finally {
      process.argv = argv;
    }
    await exited;
    expect(stderr).toMatch(
      /^leadsim: internal error: .*which reproduces it: leadsim check 'my file\.yaml' --baseline base --junit out\/j\.xml\n/,
    );
    expect(process.exitCode).toBe(70);
  });

  it('quotes for a shell what needs it', () => {
    expect(commandLine(['node', 'leadsim', 'run', "it's.yaml", '--out', 'a b', '--set', 'workload.arrival.rate=5/s'])).toBe(
      "leadsim run 'it'\\''s.yaml' --out 'a b' --set workload.arrival.rate=5/s",
    );
  });
});
