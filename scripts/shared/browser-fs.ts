/**
 * Debian's chromium through playwright-core, headless, for the browser tests,
 * the search benchmark and Lighthouse. Throws (never skips) when it is not
 * installed.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Starts headless chromium with the given extra flags. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((done) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    }),
  );
}

/** Headless chromium that a tool driving it over the DevTools protocol (Lighthouse) can reach on `port`. */
export async function launchDebuggableBrowser(): Promise<{ browser: Browser; port: number }> {
  const port = await freePort();
  return { browser: await launchBrowser([`--remote-debugging-port=${port}`]), port };
}
