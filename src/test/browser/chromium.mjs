// Launches Debian's Chromium headless for the browser tests, with the flags this machine needs
// (no sandbox as root; no background networking: the closed network refuses it), and takes screenshots
// into the folder the Java side gives, so a failure can be looked at.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'amfa-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a full-page screenshot as <SCREENSHOTS>/<name>.png (SCREENSHOTS is set by BrowserScript). */
export async function screenshot(page, name) {
  const dir = process.env.SCREENSHOTS || 'target/screenshots';
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Prints one result line for the Java test to read: RESULT {json}. */
export function report(result) {
  console.log('RESULT ' + JSON.stringify(result));
}
