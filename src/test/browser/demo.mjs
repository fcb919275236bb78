// The /demo page end to end in headless Chromium: a first login is challenged, the code read from the outbox
// completes it and the page shows the result's claims; the same browser (its device cookie) then signs in
// without a challenge; a wrong password is refused; five wrong codes lock another user's challenge.
// A screenshot per step lands in target/screenshots (demo-*.png).
import { launch, screenshot, report } from './chromium.mjs';

const base = process.argv[2];
const browser = await launch();
const result = {};
try {
  const page = await browser.newPage();
  await page.goto(`${base}/demo`);
  await screenshot(page, 'demo-1-form');

  // Clicks and answers the JSON the page's backend answered.
  async function submit(button, path) {
    const [response] = await Promise.all([page.waitForResponse(r => r.url().endsWith(path)), page.click(button)]);
    return response.json();
  }

  async function login(username, password) {
    await page.fill('#username', username);
    await page.fill('#password', password);
    return submit('#login-button', '/demo/login');
  }

  async function verify(code) {
    await page.fill('#code', code);
    return submit('#verify-button', '/demo/verify');
  }

  async function codeFor(address) {
    await page.click('#outbox-refresh');
    const mail = page.locator('.mail', { hasText: `to ${address}` }).first();
    await mail.waitFor();
    return (await mail.locator('pre').innerText()).match(/\b(\d{6})\b/)[1];
  }

  const refused = await login('alice', 'not her password');
  result.wrongPassword = { error: refused.error, message: await page.innerText('#message') };
  await screenshot(page, 'demo-2-wrong-password');

  const first = await login('alice', 'wonderland');
  result.firstLogin = { action: first.action, factor: first.challenge && first.challenge.factor };
  await page.waitForSelector('#step-code', { state: 'visible' });
  result.firstLogin.prompt = await page.innerText('#sent-to');
  await screenshot(page, 'demo-3-code-asked');

  const code = await codeFor('alice@example.com');
  await screenshot(page, 'demo-4-outbox');
  const passed = await verify(code);
  await page.waitForSelector('#step-result', { state: 'visible' });
  result.passed = { status: passed.status, title: await page.innerText('#result-title'), claims: {} };
  for (const row of await page.locator('#claims tr').all()) {
    result.passed.claims[await row.getAttribute('data-claim')] = await row.locator('td').nth(1).innerText();
  }
  result.cookie = (await browser.cookies()).some(c => c.name === 'amfa_device');
  await screenshot(page, 'demo-5-signed-in-with-mfa');

  await page.click('#again-button');
  const second = await login('alice', 'wonderland');
  await page.waitForSelector('#step-result', { state: 'visible' });
  result.secondLogin = { action: second.action, title: await page.innerText('#result-title') };
  await screenshot(page, 'demo-6-known-browser');

  await page.click('#again-button');
  const bob = await login('bob', 'builder');
  result.bob = { action: bob.action, evaluationId: bob.evaluation.evaluation_id, verdicts: [] };
  await page.waitForSelector('#step-code', { state: 'visible' });
  const right = await codeFor('bob@example.com');
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) {
    const verdict = await verify(wrong);
    result.bob.verdicts.push(verdict.status);
  }
  result.bob.message = await page.innerText('#message');
  await screenshot(page, 'demo-7-locked');
  const late = await verify(right);
  result.bob.rightCodeAfterLock = late.status;
} finally {
  await browser.close();
}
report(result);
