// Keycloak logins in headless Chromium, step by step as KeycloakLoginIT lists them (argv[2] is their JSON):
// each step signs one user in through the realm's amfa flow from a chosen address (X-Forwarded-For, which
// the test's Keycloak trusts from this host), answers the OTP form when it shows (a code computed from the
// user's TOTP secret, optionally a wrong one first), and reports what the user saw. A fresh Chromium profile
// each run: the "same browser" is the amfa_device cookie the test passes in (plan.cookies) and gets back
// (Keycloak's own session cookies are not carried, so every login is a real one, not an SSO pass).
// Optionally opens a link (plan.visit) or signs in to the admin console and screenshots the flow. Screenshots: SCREENSHOTS/keycloak-*.png.
import { launch, screenshot, report } from '../../../../../src/test/browser/chromium.mjs';
import { createHmac } from 'node:crypto';

const plan = JSON.parse(process.argv[2]);
const browser = await launch();
const page = await browser.newPage();
const results = [];

function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac('sha1', Buffer.from(secret, 'utf8')).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

function wrongCode(secret) {
  const now = Math.floor(Date.now() / 30000);
  const valid = new Set([-2, -1, 0, 1, 2].map(d => totp(secret, now + d)));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 111111) % 1000000).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

// What the page shows now: the OTP form, the test client's "Signed in", Keycloak's Configure OTP page, or
// Keycloak's error or info page.
async function whereAmI() {
  const seen = page.locator('#otp, #signed-in, #client-error, #kc-error-message, #kc-info-message, #kc-totp-settings, .kc-feedback-text, #kc-page-title');
  await seen.first().waitFor({ timeout: 30000 });
  if (await page.locator('#signed-in').count()) return { page: 'signed-in', text: await page.innerText('#signed-in') };
  if (await page.locator('#client-error').count()) return { page: 'client-error', text: await page.innerText('#client-error') };
  if (await page.locator('#otp').count()) return { page: 'otp', text: await page.innerText('body') };
  if (await page.locator('#kc-totp-settings').count()) return { page: 'configure-otp', text: await page.innerText('body') };
  if (await page.locator('#kc-error-message').count()) return { page: 'error', text: await page.innerText('#kc-error-message') };
  if (await page.locator('#kc-info-message').count()) return { page: 'info', text: await page.innerText('#kc-info-message') };
  return { page: 'other', text: await page.innerText('body') };
}

async function submitOtp(code) {
  await page.fill('#otp', code);
  await page.click('#kc-login');
  await page.waitForLoadState('load');
}

let cookies = [];
try {
  if (plan.cookies && plan.cookies.length) await browser.addCookies(plan.cookies);
  for (const step of plan.steps) {
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': step.ip });
    const auth = `${plan.keycloak}/realms/${plan.realm}/protocol/openid-connect/auth?client_id=${plan.client}`
      + `&redirect_uri=${encodeURIComponent(plan.redirect)}&response_type=code&scope=openid&state=${step.name}`;
    await page.goto(auth);
    await page.fill('#username', step.user);
    await page.fill('#password', step.password);
    await page.click('#kc-login');
    await page.waitForLoadState('load');
    const result = { name: step.name, otpForm: false, otpError: null };
    let at = await whereAmI();
    await screenshot(page, `keycloak-${step.name}-1`);
    if (at.page === 'otp') {
      result.otpForm = true;
      if (step.otp === 'wrong-then-right') {
        await submitOtp(wrongCode(step.secret));
        at = await whereAmI();
        result.otpError = at.page === 'otp'
          ? await page.locator('#input-error-otp, .kc-feedback-text').first().innerText() : `left the form: ${at.page}`;
        await screenshot(page, `keycloak-${step.name}-2-wrong-code`);
      }
      if (step.otp) {
        await submitOtp(totp(step.secret, Math.floor(Date.now() / 30000)));
        at = await whereAmI();
        await screenshot(page, `keycloak-${step.name}-3`);
      }
    }
    Object.assign(result, at);
    results.push(result);
  }

  cookies = (await browser.cookies()).filter(c => c.name === 'amfa_device');

  // A link from an email (the set-up link of enrol = require-email-verification): follow Keycloak's
  // "Click here to proceed" and report whether it leads to the Configure OTP page.
  if (plan.visit) {
    await page.goto(plan.visit);
    const proceed = page.locator('#kc-info-message a');
    if (await proceed.count()) {
      await proceed.first().click();
      await page.waitForLoadState('load');
    }
    await screenshot(page, 'keycloak-emailed-link');
    const configureOtp = await page.locator('#kc-totp-settings').count() > 0; // Keycloak's Configure OTP page
    results.push({ name: 'visit', page: configureOtp ? 'configure-otp' : 'other', text: await page.innerText('body') });
  }

  if (plan.adminConsole) {
    await browser.clearCookies();
    await page.setExtraHTTPHeaders({});
    await page.setViewportSize({ width: 1400, height: 1900 }); // the whole flow in one picture
    await page.goto(`${plan.keycloak}/admin/master/console/#/${plan.realm}/authentication`);
    await page.fill('#username', plan.adminConsole.user);
    await page.fill('#password', plan.adminConsole.password);
    await page.click('#kc-login');
    await page.getByRole('link', { name: plan.adminConsole.flow, exact: true }).click({ timeout: 60000 });
    await page.getByText('amfa: evaluate login risk').first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(1000); // let the table's expand animation settle before the picture
    await screenshot(page, 'keycloak-admin-flow');
    results.push({ name: 'admin-console', page: 'flow', text: await page.innerText('main') });
  }
} finally {
  await browser.close();
}
report({ steps: results, cookies });
