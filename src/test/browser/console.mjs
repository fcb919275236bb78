// The Security Center console in headless Chromium: signs in with the admin token, waits for the charts,
// reads what they show, searches the challenges, opens one decision, marks it legitimate, and screenshots.
// Usage: node console.mjs <base-url> <admin-token> <query string of the view>
import { launch, screenshot, report } from './chromium.mjs';

const [base, token, view] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${base}/console/?${view}`);
  await page.waitForSelector('#sign-in-panel:not([hidden])');
  await page.fill('#token', token);
  await page.click('#sign-in');
  await page.waitForSelector('body[data-state="ready"]');

  const shown = await page.evaluate(() => {
    const sum = (a) => a.reduce((x, y) => x + y, 0);
    const rate = window.amfa.charts['chart-rate'];
    const canvases = [...document.querySelectorAll('canvas')];
    return {
      totalEvaluations: Number(document.getElementById('total-evaluations').textContent),
      totalChallenges: Number(document.getElementById('total-challenges').textContent),
      chartEvaluations: sum(rate.data.datasets[0].data),
      chartChallenges: sum(rate.data.datasets[1].data),
      buckets: rate.data.labels.length,
      charts: Object.keys(window.amfa.charts).length,
      canvasesDrawn: canvases.filter((c) => c.width > 0 && c.height > 0).length,
      topCountry: document.querySelector('#countries tbody tr td:nth-child(2)')?.textContent,
      countryRows: document.querySelectorAll('#countries tbody tr').length,
      routes: document.querySelectorAll('#routes tbody tr').length,
      browsersTotal: sum(window.amfa.charts['chart-browsers'].data.datasets[0].data),
    };
  });
  await screenshot(page, 'console');

  await page.selectOption('#search-action', 'challenge');
  await page.click('#search-go');
  await page.waitForFunction(() => [...document.querySelectorAll('#decisions tbody tr td:nth-child(3)')]
    .every((td) => td.textContent === 'challenge') && document.querySelectorAll('#decisions tbody tr').length > 0);
  const searched = await page.locator('#decisions tbody tr').count();
  const firstId = await page.locator('#decisions tbody tr').first().getAttribute('data-id');
  await page.locator('#decisions tbody tr').first().click();
  await page.waitForSelector('#detail:not([hidden])');
  const reasons = await page.locator('#detail-reasons li').count();
  const signals = await page.locator('#detail-assessments tbody tr').count();
  await page.click('#mark-legitimate');
  await page.waitForFunction(() => document.getElementById('feedback-status').textContent.startsWith('recorded'));
  const feedbackEvents = await page.locator('#detail-events li', { hasText: 'feedback' }).count();
  await screenshot(page, 'console-detail');

  report({ ...shown, searched, firstId, reasons, signals, feedbackEvents, errors,
    tokenInSessionStorage: await page.evaluate(() => sessionStorage.getItem('amfa.adminToken') !== null) });
} finally {
  await browser.close();
}
