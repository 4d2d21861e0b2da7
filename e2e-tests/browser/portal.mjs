// The CIO portal in Debian's chromium, as its users meet it: signed in on Keycloak's page, the overview's
// charts and gauges, an incident's briefing, the month's PDF downloaded, keyboard and phone width, and the
// client admin approving the containment step that waits. Run by DemoIT against the demo stack:
//   PORTAL=http://127.0.0.1:8084/portal CIO=nw.cio CIO_PASSWORD=... ADMIN=nw.admin ADMIN_PASSWORD=... \
//   INCIDENT=<case id> OUT=target/portal node portal.mjs
// Prints one JSON line of what it saw; exits 1 with the reason when something a user needs is not there.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const portal = env('PORTAL');
const out = process.env.OUT || 'target/portal';
mkdirSync(out, { recursive: true });
const seen = {};

function check(condition, what) {
  if (!condition) throw new Error(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function signIn(context, username, password) {
  const page = await context.newPage();
  await page.goto(portal);
  await page.waitForSelector('#kc-form-login', { timeout: 20000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/portal/t/'), { timeout: 20000 }), page.click('#kc-login')]);
  return page;
}

try {
  // --- the CIO, on a laptop ---
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await signIn(laptop, env('CIO'), env('CIO_PASSWORD'));
  const base = new URL(page.url()).pathname;
  check(await page.locator('h1').first().innerText().then((t) => t.startsWith('Overview')), 'the overview opens after sign-in');
  seen.tenant = await page.locator('.org').innerText();
  seen.charts = await page.locator('figure.chart svg[role="img"]').count();
  check(seen.charts === 1, 'the trend chart is drawn');
  const chartLabel = await page.locator('figure.chart svg').getAttribute('aria-label');
  check(/Cases opened per month.*: \d+/.test(chartLabel), `the chart says its figures in words: ${chartLabel}`);
  seen.gauges = await page.locator('.gauge svg[role="img"]').count();
  seen.openIncidents = await page.locator('ul.incidents li').count();
  check(seen.openIncidents >= 1, 'the confirmed incident is among the open ones');
  await page.screenshot({ path: join(out, 'overview-laptop.png'), fullPage: true });

  // keyboard: the first Tab reaches the skip link, which moves focus to the content
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.textContent.trim()) === 'Skip to the content', 'Tab reaches the skip link first');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id) === 'main', 'the skip link moves focus to the content');

  // the incident's briefing, through the incident list
  await page.click('nav >> text=Incidents');
  await page.click(`a[href="${base}/incidents/${env('INCIDENT')}"]`);
  await page.waitForSelector('text=What happened');
  seen.briefing = await page.locator('h1').innerText();
  check(await page.locator('text=What you must decide').count() === 1, 'the briefing names the decision waiting for the client');
  await page.screenshot({ path: join(out, 'briefing.png'), fullPage: true });

  // the month's report, downloaded as a PDF
  await page.click('nav >> text=Reports');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download]')]);
  const file = join(out, download.suggestedFilename());
  await download.saveAs(file);
  seen.pdf = download.suggestedFilename();
  check(readFileSync(file).subarray(0, 4).toString('latin1') === '%PDF', 'the download is a PDF');

  // the matrix and the compliance views render
  await page.click('nav >> text=ATT&CK');
  seen.tactics = await page.locator('.matrix .tactic').count();
  check(seen.tactics >= 14, `every ATT&CK tactic shows (${seen.tactics})`);
  await page.screenshot({ path: join(out, 'attack.png'), fullPage: true });
  await page.click('nav >> text=Compliance');
  check(await page.locator('text=NIST CSF 2.0').count() >= 1, 'the NIST CSF view shows');

  // a viewer cannot decide
  await page.click('nav >> text=Approvals');
  seen.waiting = await page.locator('article.decision').count();
  check(seen.waiting >= 1, 'the waiting step shows');
  check(await page.locator('form.decide').count() === 0, 'a viewer has no decision form');

  // sign out, and the portal asks again
  await page.click('text=Sign out');
  await page.waitForSelector('text=You are signed out');
  await page.goto(portal);
  await page.waitForSelector('#kc-form-login');
  await laptop.close();

  // --- the CIO on a phone ---
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const small = await signIn(phone, env('CIO'), env('CIO_PASSWORD'));
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the overview fits a phone's width (overflows by ${overflow}px)`);
  await small.screenshot({ path: join(out, 'overview-phone.png'), fullPage: true });
  await phone.close();

  // --- the client's admin approves the waiting step ---
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await signIn(adminContext, env('ADMIN'), env('ADMIN_PASSWORD'));
  await admin.click('nav >> text=Approvals');
  const form = admin.locator(`form.decide:has(input[name="caseId"][value="${env('INCIDENT')}"])`).first();
  check(await form.count() === 1, 'the incident\'s waiting step has a decision form');
  await form.locator('textarea').fill('Approved from the portal by the admin');
  await Promise.all([admin.waitForURL(/done=approved/), form.locator('button.approve').click()]);
  check(await admin.locator('text=Approved: the SOC runs the step now').count() === 1, 'the approval is confirmed');
  await admin.screenshot({ path: join(out, 'approved.png'), fullPage: true });
  seen.approved = true;
  await adminContext.close();

  console.log(JSON.stringify(seen));
} catch (e) {
  console.log(JSON.stringify({ ...seen, failed: e.message }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
