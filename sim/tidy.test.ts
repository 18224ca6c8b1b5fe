// Tidy: the rules that keep runs reproducible and the code readable, checked on every test run.
// The simulator never reads the wall clock or an unseeded random source; a source file stays
// short enough to be one concept.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(import.meta.dirname);

describe('tidy', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('has no Math.random, Date.now or performance.now in sim/', () => {
    const offenders = files.filter((f) => /Math\.random\(|Date\.now\(|performance\.now\(|new Date\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps every source file under 400 lines', () => {
    const long = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 400);
    expect(long).toEqual([]);
  });
});
