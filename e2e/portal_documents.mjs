// The documents center (issue 22, item 13), as a borrower finds it: James Carter (of the demo
// portfolio: one loan, paid off) enrolls, opens Documents from the menu, opens his Truth in
// Lending disclosure and his paid-in-full letter as pages and downloads their PDFs (the PDF
// says what the page says), and the list fits a phone's width. axe-core checks every page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, checkAxe } from './harness.mjs';

// James Carter in the demo portfolio (app::demo): his account number and identity facts.
const JAMES = { account: '5218 4000 0000 2013', ssn4: '1098', dob: '11/03/1979', zip: '43215' };
let page;

/** The newest message in the demo mailbox whose text matches `pattern`: the first group. */
async function fromMailbox(pattern) {
  const box = await env.context.newPage();
  await box.goto(env.base + '/demo/mailbox');
  const text = await box.locator('main').innerText();
  await box.close();
  const m = text.match(pattern);
  assert.ok(m, `the mailbox has a message matching ${pattern}`);
  return m[1];
}

async function submit(button) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, `${page.url()} after "${button}"`);
}

async function heading() {
  return (await page.locator('h1').innerText()).trim();
}

/** Follows a link by its accessible name (a string: exactly), and checks the page it opens. */
async function follow(name, what) {
  await page.getByRole('link', { name, exact: typeof name === 'string' }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, what);
}

/** The PDF a link on the page names, as text (pdf-writer leaves its text readable). */
async function pdfOf(linkName) {
  const href = await page.getByRole('link', { name: linkName }).getAttribute('href');
  const response = await page.request.get(env.base + href);
  assert.equal(response.status(), 200, href);
  assert.equal(response.headers()['content-type'], 'application/pdf', href);
  const body = (await response.body()).toString('latin1');
  assert.ok(body.startsWith('%PDF-'), `${href} is a PDF`);
  return body;
}

test('James enrolls, and Documents in the menu lists his disclosure and his paid-in-full letter', async () => {
  page = await env.context.newPage();
  await page.goto(env.base + '/enroll');
  await checkAxe(page, '/enroll');
  await page.getByLabel('Account number').fill(JAMES.account);
  await page.getByLabel('Last 4 digits of your Social Security number').fill(JAMES.ssn4);
  await page.getByLabel('Date of birth').fill(JAMES.dob);
  await page.getByLabel('ZIP code').fill(JAMES.zip);
  await submit('Continue');
  await page.getByLabel('Code', { exact: true }).fill(await fromMailbox(/Your Servicer Demo Lending code is (\d{6})/));
  await submit('Continue');
  await page.getByLabel('Username').fill('james.carter');
  await page.getByLabel('Password', { exact: true }).fill('lantern orchard velvet');
  await page.getByLabel('Enter the password again').fill('lantern orchard velvet');
  await submit('Create sign-in');
  assert.equal(await heading(), 'Your loans');
  await follow('Documents', 'the documents page');
  assert.equal(await heading(), 'Your documents');
  assert.equal(await page.locator('a[aria-current="page"]').innerText(), 'Documents');
  const text = await page.locator('main').innerText();
  assert.match(text, /Truth in Lending disclosure/);
  assert.match(text, /Paid-in-full letter/);
  assert.match(text, /Auto repair loan ending 2013/);
  assert.doesNotMatch(text, /Payoff letter/, 'a loan paid off has nothing to pay off');
});

test('the disclosure is a page with its figures in a table, and the same figures in its PDF', async () => {
  await follow(/^View ?: Truth in Lending disclosure/, 'the Truth in Lending disclosure');
  assert.equal(await heading(), 'Truth in Lending disclosure');
  const table = page.getByRole('table', { name: 'The cost of your credit' });
  const apr = (await table.getByRole('row', { name: /Annual percentage rate/ }).locator('td').last().innerText()).trim();
  assert.match(apr, /^\d+\.\d\d%$/);
  const total = (await table.getByRole('row', { name: /Total of payments/ }).locator('td').last().innerText()).trim();
  assert.match(await page.getByRole('table', { name: 'Your payments as scheduled' }).innerText(), /\d+ payments/);
  const pdf = await pdfOf('Download this disclosure as a PDF');
  assert.ok(pdf.includes('Truth in Lending disclosure'));
  assert.ok(pdf.includes(apr), `the PDF shows the APR ${apr}`);
  assert.ok(pdf.includes(total), `the PDF shows the total of payments ${total}`);
});

test('the paid-in-full letter is a page and a PDF', async () => {
  await page.goto(env.base + '/documents');
  await follow(/^View ?: Paid-in-full letter/, 'the paid-in-full letter');
  assert.equal(await heading(), 'Paid-in-full letter');
  const text = await page.locator('main').innerText();
  assert.match(text, /Paid in full on/);
  assert.match(text, /nothing more is owed/);
  const pdf = await pdfOf('Download this letter as a PDF');
  assert.ok(pdf.includes('Paid-in-full letter'));
});

test('on a phone the documents page does not scroll sideways', async () => {
  await page.setViewportSize({ width: 320, height: 740 });
  await page.goto(env.base + '/documents');
  await checkAxe(page, 'the documents page at 320 px');
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${scroll}px wide on a ${width}px screen`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await submit('Sign out');
  await page.close();
});
