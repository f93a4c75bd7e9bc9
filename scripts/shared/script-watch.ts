/**
 * Watching a page for script the site did not write: an init script that runs
 * before any page script and records Content-Security-Policy violations and
 * every write to `window.__pwned` (the marker every planted payload sets), and
 * the reader of what it recorded. Dialogs and page errors are watched by the
 * caller through playwright's own events.
 */
import type { Page } from 'playwright-core';

/** Runs before any page script: records CSP violations and any write to window.__pwned. */
export const WATCH_SCRIPT = `
  window.__violations = [];
  window.__writes = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''));
  });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return window.__writes.length ? window.__writes[window.__writes.length - 1] : undefined; },
    set(value) { window.__writes.push(String(value)); },
  });
`;

export interface WatchRecord {
  /** Values written to window.__pwned, in order. */
  writes: string[];
  /** `directive blockedURI sample` of each CSP violation. */
  violations: string[];
}

/** What the watch recorded on the page so far. */
export async function readWatch(page: Page): Promise<WatchRecord> {
  return page.evaluate(() => {
    const w = window as unknown as { __writes: string[]; __violations: string[] };
    return { writes: [...w.__writes], violations: [...w.__violations] };
  });
}
