import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (.ci/run installs it); the browser tests fail, never skip, without it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium flags for a headless run as root in CI, with nothing fetched in the background. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Debian chromium driven by playwright-core (no browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}
