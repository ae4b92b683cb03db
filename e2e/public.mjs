// Public pages: landing, Help and its search, the demo mailbox, 404, keyboard and phone width.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, visit } from './harness.mjs';

test('the landing page explains the servicer and passes axe', async () => {
  const page = await visit('/');
  assert.equal(await page.locator('h1').innerText(), 'Your loan, in one place');
  assert.match(await page.locator('main').innerText(), /account number and due date stay the same/);
  await page.close();
});

test('Help lists every way to pay, the lockbox address and the FAQ, and passes axe', async () => {
  const page = await visit('/help');
  const text = await page.locator('main').innerText();
  for (const words of ['Ways to pay', 'AutoPay', 'PO Box 4410', '16-digit account number', 'debit card', 'must set up AutoPay again']) {
    assert.ok(text.includes(words), `Help lacks "${words}"`);
  }
  await page.close();
});

test('Help search finds an answer without JavaScript, and the results pass axe', async () => {
  const page = await visit('/help');
  await page.getByLabel('Search help').fill('AutoPay transfer');
  await page.getByRole('button', { name: 'Search' }).click();
  assert.match(page.url(), /\/help\/search\?q=AutoPay\+transfer/);
  assert.match(await page.locator('main').innerText(), /My loan moved to us from another servicer/);
  await page.close();
  const results = await visit('/help/search?q=AutoPay+transfer');
  await results.close();
  const none = await visit('/help/search?q=zzzz');
  assert.match(await none.locator('[role=status]').innerText(), /No answers match/);
  await none.close();
});

test('the demo mailbox shows the notice of transfer and passes axe', async () => {
  const page = await visit('/demo/mailbox');
  const text = await page.locator('main').innerText();
  assert.match(text, /is now serviced by/);
  assert.match(text, /Set up AutoPay again/);
  await page.close();
});

test('a page that does not exist is a helpful 404 that passes axe', async () => {
  const page = await visit('/no/such/page', 404);
  assert.equal(await page.locator('h1').innerText(), 'Page not found');
  await page.close();
});

test('the keyboard reaches the skip link first, and it moves focus to the content', async () => {
  const page = await env.context.newPage();
  await page.goto(env.base + '/help');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('pages fit a phone screen without sideways scrolling', async () => {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/help']) {
    await page.goto(env.base + path);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide on a ${width}px screen`);
  }
  await page.close();
});
