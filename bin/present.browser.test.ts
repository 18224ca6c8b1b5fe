// Presentation mode (`index.html?present`) at a projector's sizes, in chromium: every screen fits
// the viewport's width, every chart's text renders at 15 px or more, the keys walk every screen
// from the question to the verdict, and the replay screen plays the failover in place.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, screenshotDir } from '../test/browser.js';
import { runLeadsim } from '../test/cli.js';

const executablePath = findChromium('presentation');
declare const window: { leadsimReplay?: { time(): number; speed(): number } };

const SIZES: [number, number][] = [
  [1280, 720],
  [1920, 1080],
];
const REPORTS = ['failover-six-ways', 'demo', 'election-up-close'];

/** What the test reads of the screen in view. */
interface Shown {
  index: number;
  id: string;
  className: string;
  overflow: number;
  smallestChartText: number;
}

async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const index = Number(document.documentElement.getAttribute('data-screen'));
    const screen = document.querySelectorAll('.screen')[index];
    const width = document.documentElement.clientWidth;
    let overflow = Math.max(0, document.documentElement.scrollWidth - width);
    // the page's boxes (a chart's SVG clips what it draws outside itself)
    for (const el of screen.querySelectorAll(':not(svg *)')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && getComputedStyle(el).display !== 'none') overflow = Math.max(overflow, r.right - width, -r.left);
    }
    let smallest = Infinity;
    for (const text of screen.querySelectorAll<SVGTextElement>('svg text')) {
      if ((text.textContent ?? '').trim() === '' || text.getBoundingClientRect().width === 0) continue;
      const m = text.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 0;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
    return { index, id: screen.id, className: screen.className, overflow, smallestChartText: smallest };
  });
}

describe.skipIf(executablePath === null)('presentation mode in chromium', () => {
  let browser: Browser;
  let reports: string;
  const shots = join(screenshotDir, 'present');

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executablePath as string, args: ['--no-sandbox'] });
    reports = mkdtempSync(join(tmpdir(), 'leadsim-present-'));
    for (const name of REPORTS) {
      const r = runLeadsim(['run', `scenarios/${name}.yaml`, '--trials', '1', '--out', join(reports, name), '--quiet']);
      if (r.code !== 0) throw new Error(`leadsim run ${name}: ${r.stderr}`);
    }
    mkdirSync(shots, { recursive: true });
  }, 300_000);
  afterAll(async () => browser?.close());

  for (const [width, height] of SIZES)
    it.each(REPORTS)(
      `at ${width}×${height}, %s: the keys walk every screen, none wider than the viewport, chart text ≥ 15 px`,
      async (name) => {
        const page = await browser.newPage({ viewport: { width, height } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`file://${join(reports, name, 'index.html')}?present`);
        await page.waitForFunction(() => document.documentElement.hasAttribute('data-screen'));
        const count = await page.locator('.screen').count();
        const seen: Shown[] = [];
        for (let i = 0; i < count; i++) {
          const now = await shown(page);
          seen.push(now);
          expect(now.index).toBe(i);
          expect(now.overflow, `screen ${i} (${now.id || now.className}) sticks out`).toBeLessThanOrEqual(1);
          expect(now.smallestChartText, `screen ${i} (${now.id || now.className})`).toBeGreaterThanOrEqual(15);
          await page.screenshot({ path: join(shots, `${name}-${width}-${i}.png`) });
          await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'Space');
          // a key pressed while the replay has the focus reaches this page by a message: wait for it
          if (i + 1 < count)
            await page.waitForFunction((next) => document.documentElement.getAttribute('data-screen') === String(next), i + 1);
        }
        expect(seen[0].className).toContain('question');
        expect(seen.at(-1)?.id).toBe('verdict-screen');
        expect(await page.locator('#verdict-screen').innerText()).toMatch(/\S/);
        // every chart panel got its own screen
        const panels = await page.$$eval('figure > svg:not(.for-screen)', (svgs) =>
          svgs.reduce((n, svg) => n + Math.max(1, svg.querySelectorAll('[data-panel]').length), 0),
        );
        expect(await page.locator('svg.for-screen').count()).toBe(panels);
        // back with the left arrow
        await page.keyboard.press('ArrowLeft');
        await page.waitForFunction((back) => document.documentElement.getAttribute('data-screen') === String(back), count - 2);
        expect((await shown(page)).index).toBe(count - 2);
        expect(errors).toEqual([]);
        await page.close();
      },
      120_000,
    );

  it('opens at the chart the address names (#file.svg); End and Home go to the verdict and the question', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const screen = () => page.evaluate(() => Number(document.documentElement.getAttribute('data-screen')));
    await page.goto(`file://${join(reports, 'demo', 'index.html')}?present#failover-zoom.svg`);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-screen'));
    const ids = await page.$$eval('.screen', (all) => all.map((s) => s.id));
    expect(ids.indexOf('failover-zoom.svg')).toBeGreaterThan(1);
    expect(await screen()).toBe(ids.indexOf('failover-zoom.svg'));
    await page.keyboard.press('End');
    expect(await screen()).toBe(ids.indexOf('verdict-screen'));
    expect(ids.indexOf('verdict-screen')).toBe(ids.length - 1);
    await page.keyboard.press('Home');
    expect(await screen()).toBe(0);
    await page.close();
  }, 60_000);

  it('the replay screen plays the failover in place', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`file://${join(reports, 'election-up-close', 'index.html')}?present`);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-screen'));
    const index = await page.$$eval('.screen', (all) => all.findIndex((s) => s.id === 'replay-screen'));
    expect(index).toBeGreaterThan(0);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
    const frame = page.frameLocator('#replay-screen iframe');
    await expect.poll(() => frame.locator('[data-node]').count()).toBe(5);
    const replay = page.frames().find((f) => f.url().includes('replay-'));
    expect(replay).toBeDefined();
    const start = await replay!.evaluate(() => window.leadsimReplay!.time());
    await replay!.waitForFunction((t) => window.leadsimReplay!.time() > t, start);
    await page.screenshot({ path: join(shots, 'replay-in-place.png') });
    await page.close();
  }, 60_000);
});
