// The playground page (`leadsim playground`) in a real browser, driven through
// window.leadsimPlayground and the page's own buttons: it loads offline, runs what the CLI runs
// with the same bytes out, words errors as the CLI does, shows the replay, and stops when asked.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../test/browser.js';
import { runLeadsim, scratchDir } from '../test/cli.js';

/** Screenshots to look at (LEADSIM_SCREENSHOTS keeps them somewhere the test run does not clean up). */
const shots = process.env.LEADSIM_SCREENSHOTS ?? join(tmpdir(), 'leadsim-playground-screenshots');
const executablePath = findChromium('playground browser tests');

interface Api {
  scenarios(): string[];
  load(name: string): void;
  run(yamlText: string, file?: string): Promise<{ summaryCsv: string; errors: string[] }>;
}
interface Replay {
  play(): void;
  pause(): void;
  time(): number;
}
declare const window: { leadsimPlayground: Api; leadsimReplay: Replay };
declare const document: { getElementById(id: string): { value: string } };

function leadsim(args: string[], cwd?: string): string {
  const r = runLeadsim(args, cwd === undefined ? {} : { cwd });
  if (r.code !== 0) throw new Error(`leadsim ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** The summary.csv `leadsim run` writes for this text, saved as `file` in a fresh folder. */
function cliSummary(text: string, file = 'scenario.yaml'): string {
  const dir = scratchDir('playground-cli');
  writeFileSync(join(dir, file), text);
  leadsim(['run', file, '--out', 'report', '--quiet', '--no-replay'], dir);
  return readFileSync(join(dir, 'report', 'summary.csv'), 'utf8');
}

const SWEEP = `name: small-sweep
seed: 11
trials: 2
duration: 4s
warmup: 500ms
architecture: { kind: raft-group, nodes: 3 }
workload: { arrival: { kind: poisson, rate: 800/s }, writes: 0.5, timeout: 200ms }
faults: [{ at: 2s, crash: leader, recoverAfter: 1s }]
sweep:
  architecture.nodes: [3, 5]
`;

const BIG_GROUP = `name: raft-101-leader-crash
seed: 5
duration: 4s
warmup: 500ms
architecture: { kind: raft-group, nodes: 101 }
network: { delay: { dist: lognormal, median: 500us, p99: 2ms } }
workload: { arrival: { kind: poisson, rate: 500/s }, writes: 0.5, timeout: 200ms }
faults: [{ at: 2s, crash: leader }]
`;

describe.skipIf(executablePath === null)('the playground in chromium', () => {
  let browser: Browser;
  let pageFile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executablePath as string, args: CHROMIUM_ARGS });
    pageFile = join(scratchDir('playground'), 'play.html');
    leadsim(['playground', '--out', pageFile]);
    mkdirSync(shots, { recursive: true });
  }, 120_000);
  afterAll(async () => browser?.close());

  /** A fresh tab on the page; any request off the file itself, page error or console error is a problem. */
  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('request', (r) => void (!/^(file|blob|data|about):/.test(r.url()) && problems.push(`request: ${r.url()}`)));
    await page.goto(`file://${pageFile}`);
    await page.waitForFunction(() => window.leadsimPlayground !== undefined);
    return page;
  }

  it('loads with no network request and no page error, every bundled scenario in its list', async () => {
    const page = await open();
    const bundled = leadsim(['list'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^scenarios\/(\S+)\.yaml .*$/, '$1'));
    expect(await page.evaluate(() => window.leadsimPlayground.scenarios())).toEqual(bundled);
    expect(statSync(pageFile).size).toBeLessThan(1_000_000); // the README says: one file, under 1 MB
    await page.screenshot({ path: join(shots, 'before-run.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("gives the CLI's summary.csv byte for byte: a bundled scenario with variants, and a sweep with trials", async () => {
    const page = await open();
    await page.evaluate(() => window.leadsimPlayground.load('demo'));
    const demo = await page.evaluate(() => document.getElementById('yaml').value);
    const inPage = await page.evaluate((text) => window.leadsimPlayground.run(text), demo);
    expect(inPage.errors).toEqual([]);
    expect(inPage.summaryCsv).toBe(cliSummary(demo, 'demo.yaml'));
    await page.screenshot({ path: join(shots, 'after-run.png'), fullPage: true });
    const sweep = await page.evaluate((text) => window.leadsimPlayground.run(text, 'scenario.yaml'), SWEEP);
    expect(sweep.errors).toEqual([]);
    expect(sweep.summaryCsv.split('\n')).toHaveLength(1 + 4 + 1); // header, 2 points × 2 trials, final newline
    expect(sweep.summaryCsv).toBe(cliSummary(SWEEP));
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it("shows a bad key with the CLI's message, at its line, as it is typed", async () => {
    const page = await open();
    const bad = SWEEP.replace('  architecture.nodes', '  architecture.nodez');
    const dir = scratchDir('playground-bad');
    writeFileSync(join(dir, 'scenario.yaml'), bad);
    const cli = runLeadsim(['run', 'scenario.yaml'], { cwd: dir });
    expect(cli.code).toBe(2);
    const message = cli.stderr.trim().replace(/^leadsim: /, '');
    expect(message).toMatch(/^scenario\.yaml:10: /);
    const ran = await page.evaluate((text) => window.leadsimPlayground.run(text, 'scenario.yaml'), bad);
    expect(ran).toEqual({ summaryCsv: '', errors: [message] });
    // typed into the editor: the message and its line in the gutter
    await page.locator('#yaml').fill(SWEEP);
    await page.locator('#yaml').press('End');
    await expect.poll(() => page.locator('#error').isHidden()).toBe(true);
    await page.locator('#yaml').fill(bad);
    await expect.poll(() => page.locator('#error').textContent()).toBe(message);
    expect(await page.locator('#gutter .bad').textContent()).toBe('10');
    expect(problems).toEqual([]);
    await page.close();
  });

  // The bundled scenarios that take more than 10 CPU seconds in Node (measured with
  // `/usr/bin/time leadsim run`: 14-243 s): the page could run them too, but they belong to the CLI.
  const CLI_SIZED = new Set(['coordinator-ids', 'failover-six-ways', 'leader-overload', 'raft-election-timeouts', 'scaling-four-ways']);

  it('runs every bundled scenario that runs in seconds in Node: one summary row per run and trial', async () => {
    const page = await open();
    const names = (await page.evaluate(() => window.leadsimPlayground.scenarios())).filter((name) => !CLI_SIZED.has(name));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const text = readFileSync(join('scenarios', `${name}.yaml`), 'utf8');
      const [, runs, trials] = /(\d+) run\(s\) × (\d+) trial\(s\)/.exec(leadsim(['validate', `scenarios/${name}.yaml`])) ?? [];
      const ran = await page.evaluate((t) => window.leadsimPlayground.run(t), text);
      expect({ name, errors: ran.errors }).toEqual({ name, errors: [] });
      expect(ran.summaryCsv.trimEnd().split('\n').length - 1, name).toBe(Number(runs) * Number(trials));
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 1_800_000);

  it('runs a 101-node group through a leader crash, and its replay plays', async () => {
    const page = await open();
    const ran = await page.evaluate((text) => window.leadsimPlayground.run(text, 'scenario.yaml'), BIG_GROUP);
    expect(ran.errors).toEqual([]);
    expect(ran.summaryCsv).toContain('raft-101-leader-crash,raft-group,raft-group,101,');
    const replay = page.frameLocator('#replay');
    await expect.poll(() => replay.locator('[data-node]').count()).toBe(101);
    const replayFrame = await (await page.locator('#replay').elementHandle())?.contentFrame();
    if (!replayFrame) throw new Error('no replay frame');
    // in view: a browser pauses the animation frames of a frame scrolled out of sight
    await page.locator('#replay').scrollIntoViewIfNeeded();
    const start = await replayFrame.evaluate(() => window.leadsimReplay.time());
    await replayFrame.evaluate(() => window.leadsimReplay.play());
    await replayFrame.waitForFunction((t) => window.leadsimReplay.time() > t, start);
    await replayFrame.evaluate(() => window.leadsimReplay.pause());
    await page.screenshot({ path: join(shots, 'raft-101.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('stops a run when Stop is pressed, and runs again after', async () => {
    const page = await open();
    const long = BIG_GROUP.replace('duration: 4s', 'duration: 600s').replace('name: raft-101-leader-crash', 'name: long');
    const running = page.evaluate((text) => window.leadsimPlayground.run(text, 'scenario.yaml'), long);
    await page.waitForFunction(() => Number(document.getElementById('progress').value) > 0);
    await page.locator('#stop').click();
    expect(await running).toEqual({ summaryCsv: '', errors: ['stopped'] });
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await page.locator('#stop').isDisabled()).toBe(true);
    const again = await page.evaluate((text) => window.leadsimPlayground.run(text, 'scenario.yaml'), SWEEP);
    expect(again.errors).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
