// The console's forms when they come back (docs/console.md, "Forms and their messages"), tried
// as an agent and a supervisor would: each form sent with several mistakes at once comes back
// with an error summary at the top ("There is a problem", role=alert) that takes focus and lists
// every message, each a link that moves focus to its field; each field is marked invalid and has
// its own message beside it; what was typed is still there (never an account number read out);
// and nothing was recorded. Dates are typed as people write them.
//
// The demo agent verifies Maria Lopez (her date of birth as she says it), opens "Take a payment"
// and sends it twice with mistakes (an amount that does not read, a date that is not one, nothing
// to pay from; then three digits of cents, a later date that is not a date, a routing number of
// 8 digits and account numbers that differ): her account shows no new payment and no method
// read out. Fixed, with the later date typed "Month D, YYYY", it reaches the review. On the
// servicing actions of her loan 1015 the agent asks to waive fees with three mistakes (three
// digits of cents, a reason the page no longer offers, a note too long): nothing is sent for
// approval. Then the demo supervisor opens the bank reconciliation's days with two dates that
// are not dates, then with "December 1, 2026" and "12/6/2026" forms. Every refused form is
// checked at 1280 and 320 px (no sideways scroll, axe clean); with E2E_SHOTS=DIR set, each is
// photographed at both widths. A summary link to a group of radio buttons moves focus to the
// group, and a date box shows all of a date written out.
//
// It runs after servicing_actions.mjs in the same server and browser profile: the agent and the
// supervisor signed out there. An authenticator code's 30-second step is accepted once per user.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { env, checkAxe, totp } from './harness.mjs';
import { LOANS } from './lockbox_day.mjs';

// app::demo: the demo agent and supervisor and the (published, demo-only) key of the demo staff.
const AGENT = 'agent@demo.example';
const SUPERVISOR = 'supervisor@demo.example';
const PASSWORD = 'demo console passphrase';
const KEY = 'ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB';
// Maria Lopez in the demo portfolio (app::demo): her date of birth as a caller says it.
const MARIA = { name: 'Maria Lopez', dob: 'April 12, 1985', ssn4: '6789' };
const WIDTHS = [1280, 320];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// A date that does not read, as the error message names it: "Enter … like December 15, 2026,
// or 12/15/2026, or 2026-12-15".
const LIKE = 'like December 15, 2026, or 12/15/2026, or 2026-12-15';

const shots = process.env.E2E_SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

let page; // the agent's, then the supervisor's
let accountPath = ''; // Maria's account page
let today = 0; // the business date, as a UTC time
const actionsPath = `/console/loans/${LOANS.maria}/actions`;
/** What following each summary link to a group of radio buttons did: '' when focus moved into
 * the group, else where it was left. */
const groupLinks = [];

const path = () => new URL(page.url()).pathname;
const heading = async () => (await page.locator('h1').innerText()).trim();
const main = async () => page.locator('main').innerText();
const esc = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A UTC time as the pages write a date: "December 15, 2026" (documents::long_date). */
const longDate = (t) => { const d = new Date(t); return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`; };
/** "December 15, 2026" as a UTC time. */
function fromLong(text) {
  const m = text.match(/^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/);
  assert.ok(m && MONTHS.includes(m[1]), `"${text}" is a date as the pages write them`);
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[1]), Number(m[2]));
}
const DAY = 86_400_000;

/** Opens a console page by its address and checks it with axe. */
async function go(to) {
  const response = await page.goto(env.base + to);
  await checkAxe(page, to);
  return response;
}

/** Presses a button and waits for the page it leads to; its status. Axe is run by the caller
 * (after the focus is checked, which axe must not disturb). */
async function press(name) {
  // The page's own answer, not a redirect on the way to it.
  const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400));
  await page.getByRole('button', { name, exact: true }).click();
  const response = await answered;
  await page.waitForLoadState();
  return response.status();
}

/** Signs the staff user `email` in. When this user signed in within the code's 30-second
 * step, the code is refused as used, and the next step's is taken. */
async function signIn(email) {
  for (let tries = 0; tries < 2 && path() !== '/console'; tries++) {
    if (tries > 0) await page.waitForTimeout(30_500 - (Date.now() % 30_000));
    await go('/console/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Authenticator code').fill(totp(KEY).code);
    await press('Sign in');
  }
  assert.equal(path(), '/console', `${email} is signed in`);
  await checkAxe(page, 'console home');
}

/** Asserts the page has no sideways scrolling at its width (a table may scroll in its box),
 * naming what reaches past the screen. */
async function noOverflow(what) {
  const [scroll, width, wide] = await page.evaluate(() => {
    const w = window.innerWidth;
    const past = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${e.textContent.trim().slice(0, 60)}`);
    return [document.documentElement.scrollWidth, w, past];
  });
  assert.ok(scroll <= width, `${what}: ${scroll}px wide on a ${width}px screen (${wide.join('; ')})`);
}

/** At each width: no sideways scroll, axe clean, and (with E2E_SHOTS) a screenshot. */
async function atEachWidth(name, what) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await noOverflow(`${what} at ${width}px`);
    await checkAxe(page, `${what} at ${width}px`);
    if (shots) await page.screenshot({ path: join(shots, `console-forms-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/**
 * The page a form came back to, refused with `expected` ([field, message pattern] in the
 * form's order), at `status`: the title says so; focus is on the error summary, which lists
 * these messages and no other, each a link to its field; each field is marked invalid with
 * the same message beside it; and following each link moves focus to that field.
 */
async function refused(what, status, expected) {
  assert.ok(status >= 400 && status < 500, `${what}: answered ${status}, a form's refusal`);
  // Focus first: axe and the checks below must not be what moved it.
  const focused = await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 3_000 }).then(() => true, () => false);
  const active = await page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName.toLowerCase()}#${a.id}` : 'nothing'; });
  assert.ok(focused, `${what}: focus is on the error summary when the page loads, not on ${active}`);
  await checkAxe(page, what);
  assert.match(await page.title(), /^Error: /, `${what}: the title says there is an error`);
  const box = page.getByRole('alert');
  assert.equal(await box.count(), 1, `${what}: one error summary`);
  assert.equal((await box.getByRole('heading').innerText()).trim(), 'There is a problem');
  const links = await box.getByRole('link').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
  assert.deepEqual(links.map(([href]) => href), expected.map(([field]) => `#${field}`), `${what}: the summary lists every problem, in the form's order: ${JSON.stringify(links)}`);
  for (const [i, [field, pattern]] of expected.entries()) {
    const message = links[i][1];
    assert.match(message, pattern, `${what}: the message for ${field}`);
    // Beside the field: its message, and the field marked invalid and described by it.
    const beside = page.locator(`#${field}-error`);
    assert.equal(await beside.count(), 1, `${what}: ${field} has its message beside it`);
    assert.equal((await beside.innerText()).replace(/^Error:\s*/, '').trim(), message, `${what}: the message beside ${field} is the summary's`);
    const target = page.locator(`#${field}`);
    assert.equal(await target.count(), 1, `${what}: the summary's link #${field} goes to a field on the page`);
    const [tag, invalid, describedBy] = await target.evaluate((e) => [e.tagName.toLowerCase(), e.getAttribute('aria-invalid'), e.getAttribute('aria-describedby') ?? '']);
    assert.ok(describedBy.split(/\s+/).includes(`${field}-error`), `${what}: ${field} is described by its message (${describedBy})`);
    if (tag !== 'fieldset') assert.equal(invalid, 'true', `${what}: ${field} is marked invalid`);
  }
  // Each link moves focus to its field: the box or list itself, or (a group of radio
  // buttons) one of its choices. A group's are gathered for a test of their own (below).
  const lost = [];
  for (const [field] of expected) {
    await box.locator(`a[href="#${field}"]`).click();
    const [group, where] = await page.evaluate((id) => {
      const target = document.getElementById(id);
      const a = document.activeElement;
      const on = a && (a === target || target.contains(a)) ? '' : `${a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}` : 'nothing'}`;
      return [target.tagName === 'FIELDSET', on];
    }, field);
    if (group) groupLinks.push(where ? `${what}: #${field} left focus on ${where}` : '');
    else if (where) lost.push(`#${field} left focus on ${where}`);
  }
  assert.deepEqual(lost, [], `${what}: each summary link moves focus to its field`);
}


/** The confirmation numbers of the payments Maria's account lists (pending and activity). */
async function paymentsListed() {
  await go(accountPath);
  const text = await page.locator('#loans').innerText();
  return [...new Set(text.match(/\bP[0-9A-Z]{11}\b/g) ?? [])].sort();
}

/** From the account page to the pay page. */
async function openPayPage() {
  await go(accountPath);
  await page.getByRole('link', { name: 'Take a payment' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the pay page');
  assert.equal(await heading(), 'Take a payment by phone');
}

test('the agent signs in, finds Maria and verifies her with the date of birth as she says it', async () => {
  page = await env.context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(AGENT);
  await go(`/console/search?q=${LOANS.maria}`);
  await page.locator('table tbody').getByRole('link', { name: MARIA.name }).click();
  await page.waitForLoadState();
  await checkAxe(page, "Maria's account");
  accountPath = path();
  assert.match(accountPath, /^\/console\/borrowers\/\d+$/);
  // The pass from an earlier call may stand (15 minutes); if not, "April 12, 1985" reads.
  if (await page.getByRole('button', { name: 'Check the answers' }).count()) {
    const form = page.locator('#verify');
    await form.getByLabel('Date of birth').fill(MARIA.dob);
    await form.getByLabel('Last 4 of the SSN').fill(MARIA.ssn4);
    await press('Check the answers');
    await checkAxe(page, 'the account after verifying');
  }
  assert.match(await page.locator('#verify').innerText(), /Verified by Demo Agent until/);
});

test('the pay form sent with nothing to pay from, an amount and a date that do not read: every message at once, nothing recorded', async () => {
  const before = await paymentsListed();
  await openPayPage();
  today = fromLong((await page.locator('#date-hint').innerText()).match(/today is ([A-Z][a-z]+ \d{1,2}, \d{4})\./)[1]);
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('twenty');
  await page.getByLabel('On a later date (bank accounts only)').check();
  await page.getByLabel('The later date').fill('2026-02-30');
  const status = await press('Review the payment');
  assert.equal(path(), `${accountPath}/pay/review`);
  await refused('the pay form with nothing to pay from', status, [
    ['other_amount', /^Enter an amount in dollars and cents, like 125\.50 \(not "twenty"\)$/],
    ['date', /^Enter the later date like December 15, 2026, or 12\/15\/2026, or 2026-12-15$/],
    ['method', /^Choose what the borrower pays from$/],
  ]);
  // What was typed is kept.
  assert.equal(await page.getByLabel('Other amount, in dollars').inputValue(), 'twenty');
  assert.equal(await page.getByLabel('The later date').inputValue(), '2026-02-30');
  assert.ok(await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).isChecked(), 'the loan chosen is kept');
  assert.ok(await page.getByLabel('Another amount').isChecked(), '"Another amount" is kept');
  assert.ok(await page.getByLabel('On a later date (bank accounts only)').isChecked(), '"On a later date" is kept');
  await atEachWidth('pay-no-method', 'the pay form with nothing to pay from');
  assert.deepEqual(await paymentsListed(), before, 'no payment was recorded');
});

test('the pay form sent with three digits of cents, a later date that is not a date, a bad routing number and account numbers that differ', async () => {
  const before = await paymentsListed();
  await openPayPage();
  const offered = await page.getByRole('group', { name: 'Pay from' }).innerText();
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('25.125');
  await page.getByLabel('On a later date (bank accounts only)').check();
  await page.getByLabel('The later date').fill('next Friday');
  await page.getByLabel('A bank account the borrower reads out now').check();
  await page.getByLabel('Name on the account').fill(MARIA.name);
  await page.getByLabel('Routing number').fill('23138010');
  await page.getByLabel('Account number', { exact: true }).fill('4400555501');
  await page.getByLabel('Account number again').fill('4400555510');
  await page.getByLabel('Savings').check();
  const status = await press('Review the payment');
  await refused('the pay form with four mistakes', status, [
    ['other_amount', /^Enter an amount in dollars and cents, with at most two digits of cents, like 125\.50 \(not "25\.125"\)$/],
    ['date', /^Enter the later date like December 15, 2026, or 12\/15\/2026, or 2026-12-15$/],
    ['routing_number', /^Enter the 9-digit routing number from the bottom of a check: a routing number has 9 digits; 8 were given$/],
    ['confirm_account_number', /^The account numbers do not match$/],
  ]);
  // What was typed is kept, but not the account number read out.
  assert.equal(await page.getByLabel('Other amount, in dollars').inputValue(), '25.125');
  assert.equal(await page.getByLabel('The later date').inputValue(), 'next Friday');
  assert.ok(await page.getByLabel('A bank account the borrower reads out now').isChecked(), 'the method chosen is kept');
  assert.equal(await page.getByLabel('Name on the account').inputValue(), MARIA.name);
  assert.equal(await page.getByLabel('Routing number').inputValue(), '23138010');
  assert.ok(await page.getByLabel('Savings').isChecked(), 'the type of account is kept');
  assert.equal(await page.getByLabel('Account number', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('Account number again').inputValue(), '');
  assert.doesNotMatch(await page.content(), /4400555501|4400555510/, 'the account numbers read out are not drawn back');
  // Nothing recorded: no method read out offered, no payment on the account.
  assert.equal(await page.getByRole('group', { name: 'Pay from' }).innerText(), offered, 'no method was recorded');
  await atEachWidth('pay-four-mistakes', 'the pay form with four mistakes');
  assert.deepEqual(await paymentsListed(), before, 'no payment was recorded');
});

test('the pay form fixed, its later date typed as people say it, reaches the review', async () => {
  await openPayPage();
  // A later date a week or so ahead, on a weekday, in the window a bank payment may be set for.
  let later = today + 8 * DAY;
  while ([0, 6].includes(new Date(later).getUTCDay())) later += DAY;
  const typed = longDate(later); // "December 15, 2026"
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('25.00');
  await page.getByLabel('On a later date (bank accounts only)').check();
  await page.getByLabel('The later date').fill(typed);
  await page.getByLabel('A bank account the borrower reads out now').check();
  await page.getByLabel('Name on the account').fill(MARIA.name);
  await page.getByLabel('Routing number').fill('231380104');
  await page.getByLabel('Account number', { exact: true }).fill('4400555501');
  await page.getByLabel('Account number again').fill('4400555501');
  const status = await press('Review the payment');
  await checkAxe(page, 'the review');
  assert.equal(status, 200);
  assert.equal(await heading(), 'Review the payment and read the authorization', await main());
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.equal((await page.locator('dt:text-is("Amount") + dd').innerText()).trim(), '$25.00');
  // Credited on the day typed, or (a bank holiday) the next business day, said so.
  const credited = (await page.locator('dt:text-is("Credited on") + dd').innerText()).trim();
  if (credited !== typed) {
    assert.match(await main(), /the date is not a business day: the payment is credited on/, `${typed} typed, credited ${credited}`);
    assert.ok(fromLong(credited) > later && fromLong(credited) - later < 5 * DAY, `${credited} is the next business day after ${typed}`);
  }
  assert.match(await page.locator('.script').innerText(), new RegExp(esc(credited)));
  // Not taken: the review is as far as this test goes.
});

// A link to a group (`#method`, `#loan`, `#amount`) goes to its fieldset, which takes focus
// (tabindex="-1"), so a screen reader announces the group's legend.
test('a summary link to a group of radio buttons moves focus into the group', () => {
  assert.ok(groupLinks.length > 0, 'a form came back with a message for a group');
  assert.deepEqual(groupLinks.filter(Boolean), []);
});

test("the agent's fee waiver with three mistakes lists each and sends nothing for approval", async () => {
  await go('/console/approvals?tab=mine');
  const requests = await page.locator('main table tbody tr').count();
  await go(actionsPath);
  assert.match(await main(), /What you send here is a request: a supervisor approves or rejects it/);
  const form = page.locator('section[aria-labelledby="waive-fees-title"]');
  const note = 'The borrower called about the late fee. '.repeat(13).trim(); // 506 characters
  assert.ok(note.length > 500);
  await form.getByLabel('Amount to waive').fill('12.345');
  // A reason the page offered when it was drawn but no longer does (a stale page): the one
  // mistake an agent cannot type, so the page is changed to send it.
  await form.getByLabel('Why').evaluate((select) => {
    select.options[select.options.length - 1].value = 'goodwill_gesture_withdrawn';
    select.selectedIndex = select.options.length - 1;
  });
  const reason = await form.getByLabel('Why').evaluate((s) => s.options[s.selectedIndex].textContent);
  await form.getByLabel('Note (optional)').fill(note);
  const status = await press('Waive fees');
  assert.equal(path(), `/console/loans/${LOANS.maria}/fees/waiver`);
  await refused('the fee waiver with three mistakes', status, [
    ['fee_amount', /^Enter an amount in dollars and cents, with at most two digits of cents, like 125\.50 \(not "12\.345"\)$/],
    ['fee_reason', /^Choose why it is waived$/],
    ['fee_note', /^Keep the note to 500 characters$/],
  ]);
  const back = page.locator('section[aria-labelledby="waive-fees-title"]');
  assert.equal(await back.getByLabel('Amount to waive').inputValue(), '12.345');
  assert.equal(await back.getByLabel('Note (optional)').inputValue(), note);
  assert.notEqual(reason, '', 'the reason sent had words');
  assert.doesNotMatch(await main(), /Sent for approval|approved and done/);
  assert.equal(await page.locator('main [role=status]').count(), 0, 'no notice of a request sent');
  await atEachWidth('fee-waiver', 'the fee waiver with three mistakes');
  // Nothing waits for approval.
  await go('/console/approvals?tab=mine');
  assert.equal(await page.locator('main table tbody tr').count(), requests, 'no new request');
  await press('Sign out');
  assert.equal(path(), '/console/sign-in');
});

test('the supervisor asks the bank days for two dates that are not dates, then for dates as people write them', async () => {
  await signIn(SUPERVISOR);
  const date = (await main()).match(/Business date (\d{4})-(\d{2})-(\d{2})\./);
  assert.ok(date, 'Home says the business date');
  today = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Bank' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the bank days');
  assert.equal(path(), '/console/bank');
  assert.equal(await heading(), 'Bank reconciliation');
  await page.getByLabel('From', { exact: true }).fill('December 32, 2026');
  await page.getByLabel('To', { exact: true }).fill('13/01/2026');
  const status = await press('Show');
  assert.equal(status, 422);
  await refused('the bank days with two bad dates', status, [
    ['from', new RegExp(`^Enter the first day \\(From\\) ${esc(LIKE)}$`)],
    ['to', new RegExp(`^Enter the last day \\(To\\) ${esc(LIKE)}$`)],
  ]);
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), 'December 32, 2026');
  assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), '13/01/2026');
  assert.equal(await page.locator('main table').count(), 0, 'no days shown for dates that do not read');
  await atEachWidth('bank-days', 'the bank days with two bad dates');

  // The first of the business date's month, written out; the business date, as on a form.
  const now = new Date(today);
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const slashed = `${now.getUTCMonth() + 1}/${now.getUTCDate()}/${now.getUTCFullYear()}`;
  await page.getByLabel('From', { exact: true }).fill(longDate(first)); // "December 1, 2026"
  await page.getByLabel('To', { exact: true }).fill(slashed); // "12/7/2026"
  assert.equal(await press('Show'), 200);
  await checkAxe(page, 'the bank days as people write them');
  assert.equal(await page.locator('.error-summary').count(), 0, `"${longDate(first)}" and "${slashed}" read: ${await main()}`);
  assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), iso(first));
  assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), iso(today));
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get('from'), longDate(first));
  const shown = await main();
  assert.ok(shown.includes(`Days from ${iso(first)} to ${iso(today)}`) || /Nothing from the bank or .* on these days/.test(shown), shown);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await noOverflow(`the bank days at ${width}px`);
    await checkAxe(page, `the bank days at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
});

// A date written out as the hint's first example fits its box (`.input-date`).
test('a date box shows all of a long date written out as its hint says', async () => {
  await go('/console/bank');
  for (const [width, box] of [[1280, 'From'], [320, 'To']]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByLabel(box, { exact: true }).fill('September 30, 2026');
    const [scroll, client] = await page.getByLabel(box, { exact: true }).evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(scroll <= client, `at ${width}px, "September 30, 2026" needs ${scroll}px in a box ${client}px wide`);
  }
});

test('the supervisor signs out', async () => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await go('/console');
  await press('Sign out');
  assert.equal(path(), '/console/sign-in');
  await page.close();
});
