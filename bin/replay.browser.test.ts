// The replay pages in a real browser: playwright-core drives Debian's chromium (`apt-get install
// chromium`; .ci/run installs it). Pages are found by their data-* attributes and driven through
// window.leadsimReplay, never by pixel. Without chromium these tests skip with a message — except
// in CI, where a missing browser is a failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLeadsim } from '../test/cli.js';

/** Screenshots to look at (LEADSIM_SCREENSHOTS keeps them somewhere the test run does not clean up). */
const shots = process.env.LEADSIM_SCREENSHOTS ?? join(tmpdir(), 'leadsim-replay-screenshots');

function findChromium(): string | null {
  const candidates = [process.env.LEADSIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path)) ?? null;
}

const executablePath = findChromium();
if (executablePath === null) {
  const message = 'replay browser tests: no chromium found (apt-get install -y chromium, or set LEADSIM_CHROMIUM)';
  if (process.env.CI || process.env.LEADSIM_REQUIRE_BROWSER) throw new Error(`${message} — CI must run them`);
  console.warn(`SKIPPED ${message}`);
}

function leadsim(...args: string[]): string {
  const r = runLeadsim(args);
  if (r.code !== 0) throw new Error(`leadsim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

interface Api {
  seek(ms: number): void;
  time(): number;
  play(): void;
  pause(): void;
  window: [number, number];
}
declare const window: { leadsimReplay: Api };

describe.skipIf(executablePath === null)('replay pages in chromium', () => {
  let browser: Browser;
  let report: string;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executablePath as string, args: ['--no-sandbox'] });
    report = mkdtempSync(join(tmpdir(), 'leadsim-replay-'));
    leadsim('run', 'scenarios/failover-six-ways.yaml', '--trials', '1', '--out', report, '--quiet');
    mkdirSync(shots, { recursive: true });
  }, 180_000);
  afterAll(async () => browser?.close());

  async function open(file: string, hash = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(`${file}: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(`${file}: ${m.text()}`)));
    await page.goto(`file://${file}${hash}`);
    await page.waitForFunction(() => window.leadsimReplay !== undefined);
    return page;
  }

  const roles = (page: Page) => page.$$eval('[data-node]', (els) => els.map((e) => e.getAttribute('data-role')));

  it.each(['stateless-lb', 'leaderless-quorum', 'sharded-raft', 'raft-group', 'active-passive', 'coordinator'])(
    'replays %s: every node drawn, no page errors, playing moves time',
    async (variant) => {
      const file = join(report, `replay-${variant}.html`);
      const page = await open(file);
      expect(await page.locator('[data-node]').count()).toBe(5);
      const [from, to] = await page.evaluate(() => window.leadsimReplay.window);
      expect(from).toBe(2500);
      expect(to).toBeGreaterThan(3000);
      await page.evaluate(() => window.leadsimReplay.seek(3001));
      expect(await roles(page)).toContain('down'); // node 0 (or the leader) crashed at 3 s
      await page.evaluate(() => window.leadsimReplay.play());
      await page.waitForFunction(() => window.leadsimReplay.time() > 3001.05);
      await page.evaluate(() => window.leadsimReplay.pause());
      await page.screenshot({ path: join(shots, `${variant}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it('seeks across the leader crash: roles change as failovers.csv says, and the time lands in the URL', async () => {
    const file = join(report, 'replay-raft-group.html');
    const [header, row] = readFileSync(join(report, 'failovers.csv'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('variant') || line.startsWith('raft-group,0,'))
      .map((line) => line.split(','));
    const col = (name: string) => Number(row[header.indexOf(name)]);
    const page = await open(file);
    await page.evaluate(() => window.leadsimReplay.seek(2999));
    const before = await roles(page);
    const crashed = before.indexOf('leader');
    expect(crashed).toBeGreaterThanOrEqual(0);
    await page.evaluate((t) => window.leadsimReplay.seek(t), col('fault_at_ms'));
    expect((await roles(page))[crashed]).toBe('down');
    expect(await roles(page)).not.toContain('leader');
    await page.evaluate((t) => window.leadsimReplay.seek(t), col('elected_at_ms'));
    const after = await roles(page);
    expect(after.filter((r) => r === 'leader')).toHaveLength(1);
    expect(after.indexOf('leader')).not.toBe(crashed);
    await page.evaluate((t) => window.leadsimReplay.seek(t), col('elected_at_ms') - 0.5);
    expect(await page.locator('[data-msg="vote"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'raft-group-election.png') });
    // a link to this moment opens at it
    const linked = await open(file, `#t=${col('elected_at_ms')}`);
    expect(await linked.evaluate(() => window.leadsimReplay.time())).toBeCloseTo(col('elected_at_ms'), 3);
    expect(errors).toEqual([]);
  }, 60_000);

  it('replays a 101-node group on a grid and keeps playing', async () => {
    const scenario = join(report, 'big.yaml');
    writeFileSync(
      scenario,
      `name: big-group
description: A 101-node Raft group loses its leader.
seed: 3
duration: 3s
warmup: 500ms
architecture: { kind: raft-group, nodes: 101 }
network: { delay: { dist: lognormal, median: 500us, p99: 2ms } }
workload: { arrival: { kind: poisson, rate: 500/s }, timeout: 200ms }
faults: [{ at: 1s, crash: leader }]
`,
    );
    const out = join(report, 'big.html');
    leadsim('replay', scenario, '--out', out);
    const page = await open(out);
    expect(await page.locator('[data-node]').count()).toBe(101);
    await page.evaluate(() => window.leadsimReplay.seek(1000.5));
    expect(await roles(page)).toContain('down');
    // frames drawn while playing (printed, not asserted: tests never time things)
    const frames = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          let count = 0;
          const tick = () => (count++, requestAnimationFrame(tick));
          requestAnimationFrame(tick);
          window.leadsimReplay.play();
          setTimeout(() => (window.leadsimReplay.pause(), done(count)), 2000);
        }),
    );
    console.log(`101-node replay: ${frames / 2} frames/s while playing; screenshots in ${shots}`);
    await page.screenshot({ path: join(shots, 'raft-101.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
