// What a user reads points nowhere outside the repository: README, docs/, the bundled scenarios
// and what the CLI prints (help, schema, list) never name the project's own contract (SPEC.md)
// or a folder beside the clone (../shared), and every relative link in the Markdown opens a file
// of the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, runLeadsim } from '../test/cli.js';

const OUTSIDE = [/SPEC\.md/i, /\.\.\/shared/];

const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

const userFiles = ['README.md', ...filesUnder('docs'), ...filesUnder('scenarios')];

const COMMANDS = ['run', 'validate', 'list', 'schema', 'check', 'sweep', 'replay', 'playground', 'merge'];

/** Everything the CLI prints that a user reads without running a scenario. */
function cliTexts(): [string, string][] {
  const runs: string[][] = [['--help'], ['schema'], ['list'], ...COMMANDS.map((c) => [c, '--help'])];
  return runs.map((args) => {
    const r = runLeadsim(args);
    expect(r.code, `leadsim ${args.join(' ')}`).toBe(0);
    return [`leadsim ${args.join(' ')}`, r.stdout + r.stderr];
  });
}

describe('what a user reads stands alone', () => {
  it('names neither SPEC.md nor ../shared in README, docs/, scenarios/ or the CLI', () => {
    const texts: [string, string][] = [...userFiles.map((f): [string, string] => [f, readFileSync(join(root, f), 'utf8')]), ...cliTexts()];
    expect(texts.length).toBeGreaterThan(COMMANDS.length + 20);
    const found = texts.flatMap(([where, text]) =>
      text.split('\n').flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${where}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('every relative link in README and docs/ opens a file inside the repository', () => {
    const broken: string[] = [];
    let links = 0;
    for (const f of userFiles.filter((f) => f.endsWith('.md'))) {
      for (const m of readFileSync(join(root, f), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (target === '' || /^[a-z]+:/.test(target)) continue;
        links++;
        const path = resolve(root, dirname(f), target);
        if (relative(root, path).startsWith('..') || !existsSync(path)) broken.push(`${f}: ${m[1]}`);
      }
    }
    expect(links).toBeGreaterThan(2);
    expect(broken).toEqual([]);
  });
});
