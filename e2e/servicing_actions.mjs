// Servicing actions with four eyes, and the due date in the portal (issue 20): the demo agent
// opens Maria Lopez's account, follows "Servicing actions" on her loan ending 1015, and asks to
// reverse a posted payment (posted in error, with a note): the page says it was sent for
// approval, and the payment is still posted. In the approvals inbox the agent sees the request
// as theirs, with no approve button. The demo supervisor, signed in in a second browser so both
// sessions stand side by side, sees it waiting with the agent's name, approves it, and the
// inbox says it was done with a reference; the payment leaves the loan's posted payments, the
// account's activity shows it reversed, and the agent's "My requests" says who approved it.
// Then Aisha Khan opens her loan in the portal, follows "Change your due date", is refused the
// day her payments already fall on, finds a day the loan's rule allows, reads the preview (the
// next due date from and to, the interest effect in words), confirms, and reads the new next
// due date. axe-core checks every page; at 390 and 320 px the new pages fit the screen.
//
// It runs after console_remittances.mjs in the same server and browser profile: the lockbox
// file imported there posted checks to Maria's loan 1015 (and the agent took a card payment on
// it by phone in console_agent.mjs), so the loan has posted payments; the agent signed out at
// its end. Aisha enrolled in console_agent.mjs (username and password below, no authenticator
// app): her portal session may still be open in this profile, else she signs in with a code
// from the demo mailbox.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { env, checkAxe, totp } from './harness.mjs';
import { LOANS } from './lockbox_day.mjs';

// app::demo: the demo agent and supervisor and the (published, demo-only) key of the demo staff.
const AGENT = { email: 'agent@demo.example', name: 'Demo Agent' };
const SUPERVISOR = { email: 'supervisor@demo.example', name: 'Demo Supervisor' };
const PASSWORD = 'demo console passphrase';
const KEY = 'ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB';
// Aisha Khan as console_agent.mjs enrolled her.
const AISHA = { username: 'aisha.khan', password: 'harbor lantern meadow quill', last4: '3011' };
const NOTE = 'Keyed to this loan from the lockbox by mistake; the check was for another borrower';
// Chromium as the harness launches it (a second browser: the supervisor's own cookies).
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let page; // the agent's
let checker; // the supervisor's, in a second browser
let checkerBrowser;
let borrower; // Aisha's portal page
let accountPath = ''; // Maria's account page
let businessDate = ''; // YYYY-MM-DD, from the agent's Home
const actionsPath = `/console/loans/${LOANS.maria}/actions`;
const request = { id: 0, paymentId: '', confirmation: '', amount: '', reference: '' };
let preview = { day: 0, path: '' }; // the day whose preview the rule allows, and its address

const path = (p = page) => new URL(p.url()).pathname;
const heading = async (p = page) => (await p.locator('h1').innerText()).trim();
const main = async (p = page) => p.locator('main').innerText();
const esc = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "1st", "2nd", "3rd", "4th", "11th", "21st", as app::due_date::ordinal writes a day. */
const ordinal = (d) => `${d}${d % 100 >= 11 && d % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[d % 10] ?? 'th')}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A date as the pages write it ("May 4, 2026", documents::long_date) as a UTC time. */
function longDate(text) {
  const m = text.match(/^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/);
  assert.ok(m && MONTHS.includes(m[1]), `"${text}" is a date as the pages write them`);
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[1]), Number(m[2]));
}
const DAY = 86_400_000;
const LONG_DATE = '[A-Z][a-z]+ \\d{1,2}, \\d{4}';

after(async () => {
  await checkerBrowser?.close();
});

/** Presses a button, waits for the page it leads to, and checks that page with axe. */
async function submit(name, p = page) {
  await p.getByRole('button', { name, exact: true }).click();
  await p.waitForLoadState();
  await checkAxe(p, `${path(p)} after "${name}"`);
}

/** Opens a page by its address and checks it with axe. */
async function go(to, p = page) {
  const response = await p.goto(env.base + to);
  await checkAxe(p, to);
  return response;
}

/** Asserts the page has no sideways scrolling at its width (a table may scroll in its box). */
async function noOverflow(what, p = page) {
  const [scroll, width, wide] = await p.evaluate(() => {
    const w = window.innerWidth;
    // The outermost elements reaching past the screen, to say what overflows.
    const past = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 60)}`);
    return [document.documentElement.scrollWidth, w, past];
  });
  assert.ok(scroll <= width + 1, `${what}: ${scroll}px wide on a ${width}px screen (${wide.join('; ')})`);
}

/** The first group of the first (newest) message in the demo mailbox matching `pattern`. */
async function fromMailbox(pattern) {
  const box = await env.context.newPage();
  await box.goto(env.base + '/demo/mailbox');
  const text = await box.locator('main').innerText();
  await box.close();
  const m = text.match(pattern);
  if (!m) console.log(text.slice(0, 3000));
  assert.ok(m, `the mailbox has a message matching ${pattern}`);
  return m[1];
}

/** Signs the staff user `email` in on `p`. An authenticator code's 30-second step is taken
 * once per user: when this user signed in within the step, the code is refused as used, and
 * the next step's is taken. */
async function signIn(p, email) {
  for (let tries = 0; tries < 2 && path(p) !== '/console'; tries++) {
    if (tries > 0) await p.waitForTimeout(30_500 - (Date.now() % 30_000));
    await go('/console/sign-in', p);
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByLabel('Authenticator code').fill(totp(KEY).code);
    await submit('Sign in', p);
  }
  assert.equal(path(p), '/console', `${email} is signed in`);
}

/** The approvals inbox's row of our request (its number is the row's header). */
const requestRow = (p) => p.locator('main table tbody tr', { has: p.getByRole('rowheader', { name: String(request.id), exact: true }) });

test('the agent signs in again and opens the servicing actions of a loan with posted payments', async () => {
  page = await env.context.newPage();
  await signIn(page, AGENT.email);
  businessDate = (await main()).match(/Business date (\d{4}-\d{2}-\d{2})\./)?.[1] ?? '';
  assert.ok(businessDate, 'Home says the business date');
  await go(`/console/search?q=${LOANS.maria}`);
  await page.locator('table tbody').getByRole('link', { name: 'Maria Lopez' }).click();
  await page.waitForLoadState();
  await checkAxe(page, "Maria's account");
  accountPath = path();
  assert.match(accountPath, /^\/console\/borrowers\/\d+$/);
  await page.getByRole('link', { name: 'Servicing actions on the loan ending 1015' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the actions page');
  assert.equal(path(), actionsPath);
  assert.match(await heading(), /^Servicing actions\s+loan ending 1015$/);
  assert.match(await main(), /What you send here is a request: a supervisor approves or rejects it in the approvals inbox, and nothing changes until then\./);
  for (const section of ['Posted payments', 'Waive fees', 'Waive interest', 'Waivers in force', 'Change the due date']) {
    assert.equal(await page.getByRole('heading', { name: section, exact: true }).count(), 1, `the page has "${section}"`);
  }
  const payments = page.locator('section[aria-labelledby="payments"] article');
  assert.ok(await payments.count() > 0, 'the lockbox and the phone posted payments to the loan ending 1015');
});

test('the agent asks to reverse a payment posted in error: it is sent for approval, and still posted', async () => {
  const payment = page.locator('section[aria-labelledby="payments"] article').first();
  request.paymentId = (await payment.getAttribute('aria-labelledby')).replace(/^payment-/, '');
  assert.match(request.paymentId, /^\d+$/);
  const title = (await payment.locator('h3').innerText()).trim();
  request.amount = title.match(/^(\$[\d,]+\.\d\d) credited /)?.[1] ?? '';
  assert.ok(request.amount, `the payment's heading says its amount: ${title}`);
  request.confirmation = (await payment.locator('h3 .mono').innerText()).trim();
  assert.match(request.confirmation, /^P[0-9A-Z]+$/);
  await payment.locator('summary').click(); // "Reverse or move"
  await payment.getByLabel('Why it is reversed').selectOption('posted_in_error');
  assert.match((await payment.getByLabel('Why it is reversed').locator('option:checked').textContent()).trim(), /^Posted in error: the money is held in suspense/);
  await page.locator(`#reverse-note-${request.paymentId}`).fill(NOTE);
  await submit(`Reverse the payment ${request.confirmation}`);
  assert.equal(path(), actionsPath);
  const sent = await page.locator('main [role=status]').first().innerText();
  const m = sent.match(/^Sent for approval \(request (\d+)\)\. A second person with the capability approves or rejects it in the approvals inbox; nothing changes until then\.$/);
  assert.ok(m, `the page says the request was sent: ${sent}`);
  request.id = Number(m[1]);
  assert.equal(new URL(page.url()).searchParams.get('sent'), String(request.id));
  // Nothing changed yet: the payment is still among the posted ones.
  const still = page.locator('section[aria-labelledby="payments"] h3', { hasText: request.confirmation });
  assert.equal(await still.count(), 1, `${request.confirmation} is still posted`);
});

test('in the approvals inbox the agent sees the request as theirs, with no approve button', async () => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Approvals' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the inbox, as the maker');
  assert.equal(path(), '/console/approvals');
  assert.equal(await heading(), 'Approvals');
  const tabs = page.getByRole('navigation', { name: 'Which requests' });
  assert.equal(await tabs.locator('[aria-current=page]').innerText(), 'Waiting for approval');
  assert.match(await main(), /Reverse a payment \(\d+ waiting\)/);
  const row = requestRow(page);
  assert.equal(await row.count(), 1, `request ${request.id} is waiting`);
  const text = await row.innerText();
  assert.match(text, /Ending 1015/);
  assert.ok(text.includes(request.amount), `the row says ${request.amount}: ${text}`);
  assert.match(text, new RegExp(`Reverse payment ${request.paymentId} \\(posted in error\\)\\. Note: ${esc(NOTE)}`));
  assert.match(text, new RegExp(AGENT.name));
  assert.match(text, /Your request: another person decides it\./);
  assert.equal(await page.getByRole('button', { name: `Approve request ${request.id}` }).count(), 0, 'no approve button for the maker');
  assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 0, 'an agent approves nothing');
  // "My requests" lists it, waiting.
  await tabs.getByRole('link', { name: 'My requests' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'my requests');
  assert.equal(await page.getByRole('heading', { name: 'My requests', exact: true }).count(), 1);
  const mine = await requestRow(page).innerText();
  assert.match(mine, /Waiting for approval/);
  assert.match(mine, new RegExp(`Reverse payment ${request.paymentId} \\(posted in error\\)`));
});

test('the supervisor, signed in beside the agent, sees the request waiting and approves it', async () => {
  checkerBrowser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
  checker = await (await checkerBrowser.newContext()).newPage();
  await signIn(checker, SUPERVISOR.email);
  assert.match(await main(checker), /signed in as Demo Supervisor, supervisor/);
  await checker.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Approvals' }).click();
  await checker.waitForLoadState();
  await checkAxe(checker, 'the inbox, as the checker');
  const row = requestRow(checker);
  assert.equal(await row.count(), 1, `request ${request.id} is waiting for the supervisor`);
  const text = await row.innerText();
  assert.match(text, new RegExp(AGENT.name), `the maker is named: ${text}`);
  assert.ok(text.includes(request.amount), `the row says ${request.amount}`);
  assert.match(text, new RegExp(`Reverse payment ${request.paymentId} \\(posted in error\\)\\. Note: ${esc(NOTE)}`));
  assert.match(text, /just now|\d+ minutes?/);
  const approve = checker.getByRole('button', { name: `Approve request ${request.id}`, exact: true });
  assert.equal(await approve.count(), 1, 'the supervisor may approve it');
  // At phone width the inbox with its decision forms fits the screen (its table scrolls in its box).
  for (const width of [390, 320]) {
    await checker.setViewportSize({ width, height: 800 });
    await go('/console/approvals', checker);
    await noOverflow(`the checker's inbox at ${width}px`, checker);
  }
  await checker.setViewportSize({ width: 1280, height: 720 });
  await go('/console/approvals', checker);
  await submit(`Approve request ${request.id}`, checker);
  assert.equal(path(checker), '/console/approvals');
  const notice = await checker.locator('main [role=status]').first().innerText();
  const done = notice.match(new RegExp(`^Request ${request.id} approved and done: Reverse payment ${request.paymentId} \\(posted in error\\)\\. Note: ${esc(NOTE)} \\(reference (R[0-9A-Z]+)\\)\\.$`));
  assert.ok(done, `the inbox says it was done, with a reference: ${notice}`);
  request.reference = done[1];
  assert.equal(await requestRow(checker).count(), 0, 'no longer waiting');
});

test('the payment is reversed: gone from the posted payments, shown reversed in the activity', async () => {
  // The supervisor's view of the loan's actions.
  await go(actionsPath, checker);
  assert.equal(await checker.locator('section[aria-labelledby="payments"] h3', { hasText: request.confirmation }).count(), 0, `${request.confirmation} is no longer posted`);
  assert.match(await main(checker), /What you send here is done at once when your role may do it for that amount/);
  await checker.close();
  await checkerBrowser.close();
  checkerBrowser = undefined;
  // The agent's view of the account: the activity says it was reversed, and why.
  await go(accountPath);
  const loan = await page.locator(`article[aria-labelledby="loan-${LOANS.maria}"]`).innerText();
  assert.match(loan, new RegExp(`Reversed Payment reversed by staff on ${LONG_DATE}: the payment was posted in error\\s+${esc(request.amount)}`), loan);
  // And "My requests" says who approved it and its reference.
  await go('/console/approvals?tab=mine');
  const mine = await requestRow(page).innerText();
  assert.ok(mine.includes(`Approved by ${SUPERVISOR.name} and done (reference ${request.reference})`), mine);
});

test('at 390 and 320 px the actions page and the inbox fit the screen and pass axe', async () => {
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [what, to] of [['the actions page', actionsPath], ['the inbox', '/console/approvals'], ['my requests', '/console/approvals?tab=mine']]) {
      await go(to);
      await noOverflow(`${what} at ${width}px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await submit('Sign out');
  assert.equal(path(), '/console/sign-in');
  await page.close();
});

test('Aisha opens her loan in the portal and follows "Change your due date"', async () => {
  borrower = await env.context.newPage();
  await borrower.goto(env.base + '/dashboard');
  if (path(borrower) !== '/dashboard') {
    // Her session from console_agent.mjs has ended: she signs in (no app: a mailed code).
    await go('/login', borrower);
    await borrower.getByLabel('Username').fill(AISHA.username);
    await borrower.getByLabel('Password').fill(AISHA.password);
    await submit('Continue', borrower);
    if ((await heading(borrower)) === 'Check your messages') {
      const code = await fromMailbox(/To aisha[^\n]*\n+Your Servicer Demo Lending code is (\d{6})/);
      await borrower.getByLabel('Code', { exact: true }).fill(code);
      await submit('Continue', borrower);
    }
  }
  await checkAxe(borrower, "Aisha's dashboard");
  assert.equal(await heading(borrower), 'Your loans');
  await borrower.locator('.loan-card h2 a').first().click();
  await borrower.waitForLoadState();
  await checkAxe(borrower, "Aisha's loan");
  assert.equal(path(borrower), `/loans/${LOANS.aisha}`);
  await borrower.getByRole('link', { name: 'Change your due date' }).click();
  await borrower.waitForLoadState();
  await checkAxe(borrower, 'the due-date page');
  assert.equal(path(borrower), `/loans/${LOANS.aisha}/due-date`);
  assert.equal(await heading(borrower), 'Change your due date');
  const text = await main(borrower);
  assert.match(text, new RegExp(`Your payments on the loan ending ${AISHA.last4} are due on the \\d{1,2}(st|nd|rd|th) of each month; the next one on ${LONG_DATE}\\.`));
  assert.match(text, /You can change it once in 12 months, and not while a payment is past due\./);
  assert.match(text, /Your next payment can move by up to 15 days, and its new date must be at least 5 days from today\./);
});

test('the day payments already fall on is refused; a day the rule allows shows the new schedule and the interest effect', async () => {
  // The select starts on the current day: asking for it is refused, in a sentence.
  const current = Number(await borrower.getByLabel('Day of the month').inputValue());
  assert.ok(current >= 1 && current <= 28, `the select starts on the current day: ${current}`);
  await submit('Show my new schedule', borrower);
  assert.match(await borrower.title(), /^Error: /);
  assert.match(await borrower.locator('main .error-message').innerText(), /Your payments are already due on that day\. Choose another day\./);
  assert.equal(await borrower.locator('#preview').count(), 0, 'no preview for a refused day');

  // A day that moves the next installment 5 to 15 days: tried from a week after the business
  // date (the next installment is the first due on or after it), then nearby days, then any.
  const today = Date.UTC(...businessDate.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)));
  const nextDue = longDate((await main(borrower)).match(new RegExp(`the next one on (${LONG_DATE})\\.`))[1]);
  const dayOf = (t) => new Date(t).getUTCDate();
  const candidates = [];
  for (const k of [7, 8, 6, 9, 10, 11, 12]) candidates.push(dayOf(today + k * DAY));
  for (const k of [7, -7, 6, -6, 8, -8, 9, -9, 10, -10]) candidates.push(dayOf(nextDue + k * DAY));
  for (let d = 1; d <= 28; d++) candidates.push(d);
  const tried = [];
  for (const day of [...new Set(candidates)].filter((d) => d <= 28 && d !== current)) {
    await borrower.getByLabel('Day of the month').selectOption(String(day));
    await borrower.getByRole('button', { name: 'Show my new schedule', exact: true }).click();
    await borrower.waitForLoadState();
    if (await borrower.locator('#preview').count()) {
      preview = { day, path: `/loans/${LOANS.aisha}/due-date?day=${day}` };
      break;
    }
    tried.push(`${day}: ${(await borrower.locator('main .error-message').innerText()).trim()}`);
  }
  assert.ok(preview.day, `some day is allowed: ${tried.join(' | ')}`);
  assert.equal(new URL(borrower.url()).search, `?day=${preview.day}`);
  await checkAxe(borrower, 'the due-date preview');
  const section = borrower.locator('#preview');
  assert.equal(await section.getByRole('heading', { name: 'Your new schedule' }).count(), 1);
  const words = await section.innerText();
  const moves = words.match(new RegExp(`From (${LONG_DATE}), your payments are due on the ${ordinal(preview.day)} of each month\\. Your next payment moves from (${LONG_DATE}) to (${LONG_DATE})\\.`));
  assert.ok(moves, `the preview says the old and the new next due date: ${words}`);
  const [effective, from, to] = moves.slice(1).map(longDate);
  assert.equal(effective, today, 'the change takes effect on the business date');
  assert.equal(dayOf(to), preview.day);
  assert.ok(Math.abs(to - from) <= 15 * DAY && to !== from, `the next due date moves by 1 to 15 days: ${moves[2]} to ${moves[3]}`);
  assert.ok(to >= today + 5 * DAY, `the new date is at least 5 days after the business date ${businessDate}: ${moves[3]}`);
  assert.match(words, /Moving your due date means (about \$[\d,]+\.\d\d (more|less) interest over the life of the loan|no change to the interest over the life of the loan), if you make every payment on its due date\./);
  const rows = await section.locator('table tbody tr').allInnerTexts();
  assert.ok(rows.length > 0, 'the next payments are listed');
  assert.ok(rows[0].includes(moves[3]), `the first payment listed falls on the new date: ${rows[0]}`);
  assert.equal(await section.getByRole('button', { name: `Change my due date to the ${ordinal(preview.day)}` }).count(), 1);
  // At phone width the page with its preview fits the screen (the table scrolls in its box).
  for (const width of [390, 320]) {
    await borrower.setViewportSize({ width, height: 800 });
    await go(preview.path, borrower);
    await noOverflow(`the due-date preview at ${width}px`, borrower);
  }
  await borrower.setViewportSize({ width: 1280, height: 720 });
  await go(preview.path, borrower);
});

test('Aisha confirms: the page says the new day and the new next due date, and her loan shows it', async () => {
  const to = (await borrower.locator('#preview').innerText()).match(new RegExp(`Your next payment moves from ${LONG_DATE} to (${LONG_DATE})\\.`))[1];
  await submit(`Change my due date to the ${ordinal(preview.day)}`, borrower);
  assert.equal(path(borrower), `/loans/${LOANS.aisha}/due-date`);
  assert.equal(new URL(borrower.url()).search, '?changed=1');
  assert.equal(await heading(borrower), 'Your due date has changed');
  const text = await main(borrower);
  assert.ok(text.includes(`Your payments on the loan ending ${AISHA.last4} are now due on the ${ordinal(preview.day)} of each month.`), text);
  const next = text.match(new RegExp(`Your next payment is due on (${LONG_DATE})\\.`))?.[1];
  assert.ok(next, `the page says the next due date: ${text}`);
  // The next payment still to pay: the one the preview moved, or (when that one is paid
  // already) a later one, on the new day either way.
  assert.equal(new Date(longDate(next)).getUTCDate(), preview.day, `${next} is on the ${ordinal(preview.day)}`);
  assert.ok(longDate(next) >= longDate(to), `${next} is not before the moved date ${to}`);
  assert.match(text, /We sent you a confirmation of the change\./);
  await borrower.getByRole('link', { name: 'Back to your loan' }).click();
  await borrower.waitForLoadState();
  await checkAxe(borrower, 'the loan after the change');
  const upcoming = await borrower.locator('section[aria-labelledby="upcoming"]').innerText();
  assert.ok(upcoming.includes(next), `the loan's next payments include ${next}: ${upcoming}`);
  // Once in 12 months: asking again is refused.
  await go(`/loans/${LOANS.aisha}/due-date`, borrower);
  const other = preview.day === 28 ? 27 : preview.day + 1;
  await borrower.getByLabel('Day of the month').selectOption(String(other));
  await submit('Show my new schedule', borrower);
  assert.match(await borrower.locator('main .error-message').innerText(), /The due date was changed recently\. It can be changed again on or after /);
  await borrower.close();
});
