// Smoke test of the browser harness: opens the service's /health and reports what the page shows.
import { launch, screenshot, report } from './chromium.mjs';

const base = process.argv[2];
const browser = await launch();
try {
  const page = await browser.newPage();
  const response = await page.goto(`${base}/health`);
  await screenshot(page, 'health');
  report({ status: response.status(), body: JSON.parse(await page.innerText('body')) });
} finally {
  await browser.close();
}
