// Chromium for the browser tests: playwright-core drives Debian's chromium (`apt-get install
// chromium`; .ci/run installs it). Without it a browser test skips with a message — except in
// CI (or with LEADSIM_REQUIRE_BROWSER), where a missing browser is a failure.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findChromium(what: string): string | null {
  const candidates = [process.env.LEADSIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path)) ?? null;
  if (found === null) {
    const message = `${what}: no chromium found (apt-get install -y chromium, or set LEADSIM_CHROMIUM)`;
    if (process.env.CI || process.env.LEADSIM_REQUIRE_BROWSER) throw new Error(`${message} — CI must run them`);
    console.warn(`SKIPPED ${message}`);
  }
  return found;
}

/** Chromium's flags for the tests (a container has no sandbox to give). */
export const CHROMIUM_ARGS = ['--no-sandbox'];

/** Screenshots to look at (LEADSIM_SCREENSHOTS keeps them somewhere the test run does not clean up). */
export const screenshotDir = process.env.LEADSIM_SCREENSHOTS ?? join(tmpdir(), 'leadsim-replay-screenshots');

/** WCAG contrast ratio of two CSS colours as getComputedStyle gives them (`rgb(r, g, b)`). */
export function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
