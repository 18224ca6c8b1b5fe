// The replay pages in a real browser: playwright-core drives Debian's chromium (`apt-get install
// chromium`; .ci/run installs it). Pages are found by their data-* attributes and driven through
// window.leadsimReplay, never by pixel. Without chromium these tests skip with a message — except
// in CI, where a missing browser is a failure.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, findChromium, screenshotDir } from '../test/browser.js';
import { runLeadsim } from '../test/cli.js';

const shots = screenshotDir;
const executablePath = findChromium('replay');

/** A column of the first failover of `variant` in a report's failovers.csv. */
function failoverCol(dir: string, variant: string, name: string): number {
  const [header, row] = readFileSync(join(dir, 'failovers.csv'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('variant') || line.startsWith(`${variant},0,`))
    .map((line) => line.split(','));
  return Number(row[header.indexOf(name)]);
}
const failoverMs = (dir: string, variant: string) => failoverCol(dir, variant, 'failover_ms');

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
  speed(): number;
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
    leadsim('run', 'scenarios/election-up-close.yaml', '--out', join(report, 'election'), '--quiet');
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

  it.each(['stateless-lb', 'leaderless-quorum', 'sharded-raft', 'raft-group', 'active-passive', 'coordinator', 'multi-paxos'])(
    'replays %s: every node drawn, no page errors, playing moves time',
    async (variant) => {
      const file = join(report, `replay-${variant}.html`);
      const page = await open(file);
      expect(await page.locator('[data-node]').count()).toBe(5);
      const [from, to] = await page.evaluate(() => window.leadsimReplay.window);
      expect(from).toBe(2500);
      expect(to).toBeGreaterThan(3000);
      // it opens at the crash (3 s) with a lead-in of at most 100 ms, and its default speed plays
      // the failover (failovers.csv's failover_ms) in 10–30 s of wall time
      const opens = await page.evaluate(() => window.leadsimReplay.time());
      expect(opens).toBeGreaterThanOrEqual(2900);
      expect(opens).toBeLessThanOrEqual(3000);
      const wall = failoverMs(report, variant) / 1000 / (await page.evaluate(() => window.leadsimReplay.speed()));
      expect(wall).toBeGreaterThanOrEqual(10);
      expect(wall).toBeLessThanOrEqual(30);
      await page.screenshot({ path: join(shots, `${variant}-open.png`) });
      await page.evaluate(() => window.leadsimReplay.seek(3001));
      expect(await roles(page)).toContain('down'); // node 0 (or the leader) crashed at 3 s
      await page.evaluate(() => window.leadsimReplay.play());
      await page.waitForFunction(() => window.leadsimReplay.time() > 3001.05);
      await page.evaluate(() => window.leadsimReplay.pause());
      await page.screenshot({ path: join(shots, `${variant}.png`) });
      // after the failover: a tally is shown only where the trace knows the quorum (never "votes: 1, 0 needed")
      await page.evaluate((end) => window.leadsimReplay.seek(end), to);
      expect(await page.locator('#cards').innerText()).not.toMatch(/\b0 needed/);
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

  it('shows who voted for whom at the winning moment of a split election, and the tally against the majority', async () => {
    const dir = join(report, 'election');
    const elected = failoverCol(dir, 'raft-group', 'elected_at_ms');
    expect(failoverCol(dir, 'raft-group', 'election_rounds')).toBeGreaterThan(1); // the votes split first
    const page = await open(join(dir, 'replay-raft-group.html'));
    await page.evaluate((t) => window.leadsimReplay.seek(t), elected);
    const nodes = await page.$$eval('[data-node]', (els) =>
      els.map((e) => ({ role: e.getAttribute('data-role'), votes: e.getAttribute('data-votes') })),
    );
    const leader = nodes.findIndex((n) => n.role === 'leader');
    expect(leader).toBeGreaterThanOrEqual(0);
    expect(Number(nodes[leader].votes)).toBeGreaterThanOrEqual(3); // a majority of 5
    for (const n of nodes) {
      if (n.role === 'candidate') expect(Number(n.votes)).toBeLessThan(3);
      if (n.role !== 'candidate' && n.role !== 'leader') expect(n.votes).toBeNull();
    }
    // every vote the leader counts is an arrow from its voter (its own vote is the +1)
    const granted = await page.$$eval(`[data-ballot="granted"][data-to="${leader}"]`, (els) => els.map((e) => e.getAttribute('data-from')));
    expect(granted.length + 1).toBe(Number(nodes[leader].votes));
    expect(new Set(granted).size).toBe(granted.length);
    expect(granted).not.toContain(String(leader));
    expect(await page.locator('#cards').innerText()).toMatch(/votes: \d+, 3 needed/);
    // the winner no longer shows an election timer: no ring, and the card says so
    expect(await page.locator(`[data-node="${leader}"] .timer`).getAttribute('stroke-dasharray')).toMatch(/^0\.0 /);
    expect(await page.locator('#cards').innerText()).toContain('election timer: not running');
    // each vote is listed, granted or not
    const events = await page.locator('#events').innerText();
    expect(events).toMatch(new RegExp(`grants node ${leader} its vote`));
    await page.screenshot({ path: join(shots, 'election-up-close-win.png') });
    // before the win, in an earlier round, refusals show too
    await page.evaluate((t) => window.leadsimReplay.seek(t), elected - 1);
    expect(await page.locator('#events').innerText()).toMatch(/refuses node \d+ its vote/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sharded-raft: the crashed node leads nothing, and the side card names each shard’s leader', async () => {
    const page = await open(join(report, 'replay-sharded-raft.html'));
    await page.evaluate((t) => window.leadsimReplay.seek(t), failoverCol(report, 'sharded-raft', 'elected_at_ms') + 1);
    const labels = await page.$$eval('[data-node] .label', (els) => els.map((e) => e.textContent ?? ''));
    expect(labels[0]).toBe('node 0'); // crashed: it led shard 0, and leads nothing now
    const card = await page.locator('#cards').innerText();
    expect(card).toContain('Leader per shard');
    const shard0 = /shard 0: node (\d+)/.exec(card);
    expect(shard0).not.toBeNull();
    expect(labels[Number(shard0?.[1])]).toMatch(/leads .*\b0\b/);
    expect(card.match(/shard \d+: node \d+/g)).toHaveLength(5);
    await page.screenshot({ path: join(shots, 'sharded-raft-takeover.png') });
    await page.close();
  });

  it('marks do not merge: quorum reads on serving nodes, requests against replies, the ejection listed', async () => {
    const fill = (page: Page, selector: string) => page.$eval(selector, (e) => getComputedStyle(e).fill);
    const quorum = await open(join(report, 'replay-leaderless-quorum.html'));
    await quorum.evaluate(() => window.leadsimReplay.seek(3010));
    const serving = await fill(quorum, '[data-node="1"] .body');
    for (const kind of ['qread', 'qwrite', 'request', 'reply']) {
      const dot = await quorum.evaluate((k) => {
        const probe = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        probe.setAttribute('class', `msg ${k}`);
        document.getElementById('stage')?.appendChild(probe);
        const f = getComputedStyle(probe).fill;
        probe.remove();
        return f;
      }, kind);
      expect(contrast(dot, serving), `${kind} dot on a serving node`).toBeGreaterThanOrEqual(3);
    }
    await quorum.close();
    const lb = await open(join(report, 'replay-stateless-lb.html'));
    const dots = await lb.evaluate(() =>
      ['request', 'reply'].map((k) => {
        const probe = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
        probe.setAttribute('class', `msg ${k}`);
        document.getElementById('stage')?.appendChild(probe);
        return getComputedStyle(probe).fill;
      }),
    );
    expect(contrast(dots[0], dots[1])).toBeGreaterThanOrEqual(3);
    const ejected = failoverCol(report, 'stateless-lb', 'fault_at_ms') + failoverMs(report, 'stateless-lb');
    await lb.evaluate((t) => window.leadsimReplay.seek(t), ejected + 1);
    expect(await lb.locator('#events li.eject').innerText()).toContain('health check ejects node 0');
    await lb.screenshot({ path: join(shots, 'stateless-lb-ejected.png') });
    await lb.close();
  });

  it('at a projector’s 1280×720: node labels and vote dots large enough, log strips centred under their nodes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`file://${join(report, 'election', 'replay-raft-group.html')}`);
    await page.waitForFunction(() => window.leadsimReplay !== undefined);
    const elected = failoverCol(join(report, 'election'), 'raft-group', 'elected_at_ms');
    await page.evaluate((t) => window.leadsimReplay.seek(t - 0.3), elected);
    const sizes = await page.evaluate(() => {
      const scale = (e: SVGGraphicsElement) => e.getScreenCTM()?.a ?? 0;
      const px = (sel: string) =>
        [...document.querySelectorAll<SVGGraphicsElement>(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize) * scale(e));
      const dots = [...document.querySelectorAll<SVGCircleElement>('circle[data-msg="vote"]')].map((c) => 2 * c.r.baseVal.value * scale(c));
      return { labels: px('[data-node] .label'), logs: px('[data-node] .logtext'), dots };
    });
    expect(Math.min(...sizes.labels)).toBeGreaterThanOrEqual(14);
    expect(Math.min(...sizes.logs)).toBeGreaterThanOrEqual(11);
    expect(sizes.dots.length).toBeGreaterThan(0);
    expect(Math.min(...sizes.dots)).toBeGreaterThanOrEqual(12);
    // a crashed node's strip too: the shown boxes' middle is the node's centre
    const offsets = await page.$$eval('[data-node]', (els) =>
      els.map((g) => {
        const node = (g.querySelector('.body') as SVGGraphicsElement).getBoundingClientRect();
        const boxes = [...g.querySelectorAll('.log rect:not(.empty)')].map((b) => b.getBoundingClientRect());
        if (boxes.length === 0) return 0;
        const mid = (Math.min(...boxes.map((b) => b.left)) + Math.max(...boxes.map((b) => b.right))) / 2;
        return Math.abs(mid - (node.left + node.right) / 2);
      }),
    );
    expect(Math.max(...offsets)).toBeLessThan(2);
    await page.screenshot({ path: join(shots, 'election-up-close-1280.png') });
    await page.close();
  });

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
    // in a grid the leader is pointed out by a ring and its name
    await page.evaluate(() => window.leadsimReplay.pause());
    const leader = (await roles(page)).indexOf('leader');
    if (leader >= 0) expect(await page.locator('.halo-label').first().textContent()).toBe(`leader: node ${leader}`);
    else expect(await page.locator('.halo').count()).toBe(0);
    await page.evaluate(() => window.leadsimReplay.seek(999));
    const before = (await roles(page)).indexOf('leader');
    expect(await page.locator('.halo-label').first().textContent()).toBe(`leader: node ${before}`);
    expect(
      await page
        .locator('.halo')
        .first()
        .evaluate((e) => e.getBoundingClientRect().width),
    ).toBeGreaterThanOrEqual(30);
    await page.screenshot({ path: join(shots, 'raft-101.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
