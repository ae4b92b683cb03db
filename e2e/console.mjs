// The staff console: the demo supervisor signs in with password and authenticator code, reads
// each report (axe on every page, the error page of a bad date included), finds the CSV
// download, and signs out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, checkAxe, visit, totp } from './harness.mjs';

// app::demo: the demo console user and their (published, demo-only) authenticator key.
const EMAIL = 'supervisor@demo.example';
const PASSWORD = 'demo console passphrase';
const KEY = 'ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB';

test('the console sends a visitor to sign in, refuses a wrong code, and passes axe', async () => {
  const page = await visit('/console/sign-in');
  assert.equal(await page.locator('h1').innerText(), 'Staff sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill('000000' === totp(KEY).code ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /email, password or authenticator code is not right/);
  await checkAxe(page, 'console sign-in with an error');
  await page.close();
});

test('the supervisor signs in and reads every report, then signs out', async () => {
  const page = await env.context.newPage();
  await page.goto(env.base + '/console/sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill(totp(KEY).code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL(page.url()).pathname, '/console');
  await checkAxe(page, 'console home');
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
  assert.equal(new URL(page.url()).pathname, '/console/reports');
  await checkAxe(page, 'the reports');
  for (const [link, heading] of [['Delinquency aging', /Delinquency aging/], ['Interest accrued by day', /Interest accrued/], ['Trial balance', /Trial balance/]]) {
    await page.goto(env.base + '/console/reports');
    await page.getByRole('link', { name: link }).click();
    assert.match(await page.locator('h1').innerText(), heading);
    assert.ok(await page.locator('table tbody tr').count() > 0, `${link} has rows`);
    assert.ok(await page.getByRole('link', { name: 'Download as CSV' }).count() === 1);
    await checkAxe(page, link);
  }
  await page.getByLabel('As of').fill('2026-02-30');
  await page.getByRole('button', { name: 'Show' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /Enter the as-of date like December 15, 2026/);
  await checkAxe(page, 'a report with a bad date');
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.equal(new URL(page.url()).pathname, '/console/sign-in');
  await page.goto(env.base + '/console');
  assert.equal(new URL(page.url()).pathname, '/console/sign-in', 'signed out');
  await page.close();
});
