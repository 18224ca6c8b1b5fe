// Chromium for the browser tests: playwright-core drives Debian's chromium (`apt-get install
// chromium`; .ci/run installs it). Without it a browser test skips with a message — except in
// CI (or with LEADSIM_REQUIRE_BROWSER), where a missing browser is a failure.
import { existsSync } from 'node:fs';

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
