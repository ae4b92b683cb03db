// The lockbox exception queue tried as a new agent would: an operator puts a day's lockbox
// file in with the real CLI, where the server runs (`servicer lockbox check`, then
// `lockbox import`, then the same file again, which changes nothing); the demo agent opens
// "Lockbox exceptions" from Home, reads the queue (oldest first, the reasons in words),
// applies the check that named no loan to the account number typed (a mistyped one first:
// refused, nothing changed), splits a check across two loans (amounts that do not add up
// first), returns the paid-off loan's check with a reason, and reads the day's report, whose
// counts add up. axe-core checks every page; at 390 and 320 px the pages fit the screen.
//
// It runs after console_agent.mjs in the same server and browser profile: the agent signed
// in there, and an authenticator code's 30-second step is accepted once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, checkAxe, totp, bin, serverEnv } from './harness.mjs';
import { LOANS, grouped, mistype, servicer, usd, writeLockboxDay } from './lockbox_day.mjs';

// app::demo: the demo agent and the (published, demo-only) authenticator key of the demo staff.
const AGENT = { email: 'agent@demo.example', name: 'Demo Agent' };
const PASSWORD = 'demo console passphrase';
const KEY = 'ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB';
const RETURN_REASON = 'The loan this coupon names was paid off in full; nothing is owed on it.';

// The reasons the queue gives, in words (domain::remittance::ExceptionReason::describe).
const WHY = {
  paidOff: /The loan is paid off: return the money or apply it to the payer's other loan\./,
  noMatch: /No account number was found on the coupon, the memo line or the bill-pay record\./,
  mistyped: /The account number written fails its check digit: a digit is probably mistyped\./,
};

let page; // the agent's
let date = ''; // the business date: the file's deposit date
let checks = []; // as written to the file
const itemPaths = {}; // by check (1-8): the item's page

const path = (p = page) => new URL(p.url()).pathname;
const heading = async () => (await page.locator('h1').innerText()).trim();
const main = async () => page.locator('main').innerText();
/** The value beside `label` in the page's figures. */
const figure = async (label) => (await page.locator(`main dt:text-is("${label}") + dd`).first().innerText()).trim();
/** Check `n` of the file (1-8). */
const check = (n) => checks[n - 1];
/** The link (and row label) of check `n`, its number as the bank wrote it (zero-filled). */
const checkLabel = (n) => new RegExp(`^Check 0*${Number(check(n).checkNumber)}$`);

/** Presses a button, waits for the page it leads to, and checks that page with axe. */
async function submit(name) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, `${path()} after "${name}"`);
}

/** Opens a console page by its address and checks it with axe. */
async function go(to) {
  const response = await page.goto(env.base + to);
  await checkAxe(page, to);
  return response;
}

/** Asserts the page has no sideways scrolling at its width. */
async function noOverflow(what) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width + 1, `${what}: ${scroll}px wide on a ${width}px screen`);
}

/** The queue's rows as text, top to bottom. */
async function queueRows() {
  return page.locator('main table tbody tr').allInnerTexts();
}

/** From an item's page, back to the queue by its link, then open check `n`. */
async function openFromQueue(n) {
  await page.getByRole('main').getByRole('link', { name: 'Lockbox exceptions', exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the queue');
  await page.getByRole('link', { name: checkLabel(n) }).click();
  await page.waitForLoadState();
  await checkAxe(page, `check ${n}'s item`);
  itemPaths[n] = path();
  assert.match(itemPaths[n], /^\/console\/remittances\/\d+$/);
  assert.equal(await figure('State'), 'In the exception queue');
}

test('the demo agent signs in and reads the business date on Home', async () => {
  page = await env.context.newPage();
  // console_agent.mjs signed the agent in: if it was within this 30-second step, the code
  // is refused as used, and the next step's is taken.
  for (let tries = 0; tries < 2 && path() !== '/console'; tries++) {
    if (tries > 0) await page.waitForTimeout(30_500 - (Date.now() % 30_000));
    await go('/console/sign-in');
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Authenticator code').fill(totp(KEY).code);
    await submit('Sign in');
  }
  assert.equal(path(), '/console');
  date = (await main()).match(/Business date (\d{4}-\d{2}-\d{2})\./)?.[1] ?? '';
  assert.ok(date, 'Home says the business date');
});

test("an operator imports the day's lockbox file: what posted, what went to the queue", () => {
  let file;
  ({ file, checks } = writeLockboxDay(bin, env.dir, serverEnv, date));
  const total = checks.reduce((sum, c) => sum + c.cents, 0);
  const posted = checks.filter((c) => c.posts);
  const queued = checks.filter((c) => !c.posts);
  const sum = (cs) => cs.reduce((s, c) => s + c.cents, 0);
  // Read first without touching the database, as an operator tries a bank's new file.
  assert.match(servicer(bin, env.dir, serverEnv, ['lockbox', 'check', '--file', file]), new RegExp(`: ${checks.length} checks, ${total} cents, 1 lockboxes, 1 batches`));
  const out = servicer(bin, env.dir, serverEnv, ['lockbox', 'import', '--file', file]);
  // The command writes amounts as people read them, like the console: `$1,277.00`.
  const dollars = (cents) => usd(cents).replace('$', '\\$').replace('.', '\\.');
  assert.match(out, new RegExp(`: ${checks.length} checks, ${dollars(total)} in all`), out);
  assert.match(out, new RegExp(`posted to loans:\\s+${posted.length} \\(${dollars(sum(posted))}\\)`), out);
  assert.match(out, new RegExp(`in the exception queue:\\s+${queued.length} \\(${dollars(sum(queued))}\\)`), out);
  // The same file again (a retried transfer) changes nothing.
  assert.match(servicer(bin, env.dir, serverEnv, ['lockbox', 'import', '--file', file]), /read before; nothing changed/);
});

test('Home leads to the queue: the open checks, oldest first, each with why it is there', async () => {
  await go('/console');
  await page.getByRole('link', { name: 'Lockbox exceptions', exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the queue');
  assert.equal(path(), '/console/remittances');
  assert.equal(await heading(), 'Lockbox exceptions');
  const open = checks.filter((c) => !c.posts);
  assert.match(await main(), new RegExp(`${open.length} items open, \\${usd(open.reduce((s, c) => s + c.cents, 0))} in all\\.`));
  assert.equal(await page.getByRole('navigation', { name: 'Which items' }).locator('[aria-current=page]').innerText(), 'Open exceptions');
  const rows = await queueRows();
  const at = (n) => rows.findIndex((r) => new RegExp(`^Check 0*${Number(check(n).checkNumber)}\\b`).test(r.trim()));
  for (const [n, why] of [[4, WHY.paidOff], [5, WHY.noMatch], [6, WHY.noMatch], [7, WHY.mistyped]]) {
    assert.ok(at(n) >= 0, `check ${n} is in the queue: ${rows.join(' | ')}`);
    const row = rows[at(n)];
    assert.match(row, why, `check ${n}'s reason`);
    assert.ok(row.includes(usd(check(n).cents)), `check ${n}'s amount: ${row}`);
    assert.match(row, new RegExp(check(n).payer), `check ${n}'s payer`);
    assert.match(row, /today/, `check ${n} was deposited on the business date`);
  }
  for (const n of [1, 2, 3, 8]) assert.equal(at(n), -1, `check ${n} posted by itself and is not in the queue`);
  // Oldest deposit first; the day's checks in the order the bank listed them.
  assert.ok(at(4) < at(5) && at(5) < at(6) && at(6) < at(7), `the file's order: ${rows.join(' | ')}`);
  const ages = rows.map((r) => (/\btoday\b/.test(r) ? 0 : Number(r.match(/\b(\d+) days?\b/)?.[1] ?? NaN)));
  for (let i = 1; i < ages.length; i++) assert.ok(!(ages[i] > ages[i - 1]), `oldest first: ${rows.join(' | ')}`);
});

test('a check that named no loan: a mistyped account number is refused, then it is applied to the right one', async () => {
  await page.getByRole('link', { name: checkLabel(5) }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'an open item');
  itemPaths[5] = path();
  assert.match(await heading(), new RegExp(`^Check 0*${Number(check(5).checkNumber)} from MARIA LOPEZ, \\${usd(check(5).cents)}$`));
  assert.equal(await figure('State'), 'In the exception queue');
  assert.match(await figure('Why it came to the queue'), WHY.noMatch);
  assert.match(await main(), /Memo and coupon\s+MAY PAYMENT/);
  // The payer's name brings up Maria's loans; the agent types the number from her letter instead.
  assert.match(await main(), /Loan ending 1015: shares the name word/);
  assert.equal(await page.getByRole('button', { name: 'Apply to …1015' }).count(), 1);

  const wrong = mistype(LOANS.maria, 9);
  await page.getByLabel('Account number', { exact: true }).fill(wrong);
  await submit('Apply the whole check');
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.error-summary').innerText(), /not a valid account number: a digit is probably mistyped/);
  assert.equal(await page.getByLabel('Account number', { exact: true }).inputValue(), wrong, 'what was typed is kept');
  assert.equal(await figure('State'), 'In the exception queue', 'nothing changed');
  assert.equal(await page.getByRole('heading', { name: 'What was done' }).count(), 0, 'nothing was done');

  await page.getByLabel('Account number', { exact: true }).fill(grouped(LOANS.maria));
  await submit('Apply the whole check');
  assert.equal(path(), itemPaths[5]);
  assert.match(await page.locator('main [role=status]').first().innerText(), /^Applied\. The check is posted as a payment to the loan below/);
  assert.equal(await figure('State'), 'Resolved by staff');
  const money = page.getByRole('table', { name: 'Where the money went' });
  const lines = await money.locator('tbody tr').allInnerTexts();
  assert.equal(lines.length, 1, `one payment: ${lines.join(' | ')}`);
  assert.match(lines[0], new RegExp(`Ending 1015\\s+\\${usd(check(5).cents)}\\s+\\S+`));
  // By whom: the person, as the rest of the console names staff.
  assert.match(await figure('By'), new RegExp(AGENT.name), 'the item names who applied it');
  assert.equal(await page.getByRole('button', { name: 'Apply the whole check' }).count(), 0, 'no form once resolved');
});

test('a check for two loans: amounts that do not add up are refused, then it is split', async () => {
  await openFromQueue(6);
  const cents = check(6).cents;
  assert.ok(cents > 10_000, 'the check is over $100');
  const first = '100.00';
  const rest = usd(cents - 10_000).slice(1);
  const short = usd(cents - 10_000 - 950).slice(1); // $9.50 short
  const form = async (second) => {
    await page.getByLabel('Loan 1: account number', { exact: true }).fill(LOANS.maria);
    await page.getByLabel('Loan 1: amount', { exact: true }).fill(first);
    await page.getByLabel('Loan 2: account number', { exact: true }).fill(grouped(LOANS.mariaPastDue));
    await page.getByLabel('Loan 2: amount', { exact: true }).fill(second);
    await submit('Split the check');
  };
  await form(short);
  assert.match(await page.title(), /^Error: /);
  const message = await page.locator('.error-summary').innerText();
  assert.match(message, new RegExp(`add up to \\${usd(cents - 950)} but the (check|item) is \\${usd(cents)}`), message);
  assert.equal(await page.getByLabel('Loan 2: amount', { exact: true }).inputValue(), short, 'what was typed is kept');
  assert.equal(await figure('State'), 'In the exception queue', 'nothing changed');

  await form(rest);
  assert.equal(path(), itemPaths[6]);
  assert.match(await page.locator('main [role=status]').first().innerText(), /^Split\. The check is posted as payments to the loans below/);
  assert.equal(await figure('State'), 'Resolved by staff');
  const lines = await page.getByRole('table', { name: 'Where the money went' }).locator('tbody tr').allInnerTexts();
  assert.equal(lines.length, 2, `two payments: ${lines.join(' | ')}`);
  assert.ok(lines.some((l) => /Ending 1015/.test(l) && l.includes('$100.00')), `$100.00 to 1015: ${lines.join(' | ')}`);
  assert.ok(lines.some((l) => /Ending 1023/.test(l) && l.includes(`$${rest}`)), `$${rest} to 1023: ${lines.join(' | ')}`);
  assert.match(await figure('By'), new RegExp(AGENT.name));
});

test("the paid-off loan's check is returned to the sender, with the reason", async () => {
  await openFromQueue(4);
  assert.match(await figure('Why it came to the queue'), WHY.paidOff);
  assert.match(await figure('Payer'), /JAMES CARTER/);
  await submit('Return to the sender');
  assert.match(await page.locator('.error-summary').innerText(), /Say why the check goes back to the sender/);
  assert.equal(await figure('State'), 'In the exception queue', 'nothing changed');
  await page.getByLabel('Why it goes back').fill(RETURN_REASON);
  await submit('Return to the sender');
  assert.equal(path(), itemPaths[4]);
  assert.match(await page.locator('main [role=status]').first().innerText(), /^Marked to return to the sender\./);
  assert.equal(await figure('State'), 'Returned to the sender');
  assert.ok((await main()).includes(RETURN_REASON), 'the reason is shown');
  assert.equal(await page.getByRole('table', { name: 'Where the money went' }).count(), 0, 'nothing posted to a loan');
});

test('the queue keeps what is left; the tabs list what was resolved and returned', async () => {
  await page.getByRole('main').getByRole('link', { name: 'Lockbox exceptions', exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the queue after the work');
  assert.match(await main(), new RegExp(`1 item open, \\${usd(check(7).cents)} in all\\.`));
  let rows = await queueRows();
  assert.equal(rows.length, 1, `only the mistyped check is left: ${rows.join(' | ')}`);
  assert.match(rows[0], WHY.mistyped);
  for (const [tab, listed] of [['Resolved', [5, 6]], ['Returned', [4]]]) {
    await page.getByRole('navigation', { name: 'Which items' }).getByRole('link', { name: tab, exact: true }).click();
    await page.waitForLoadState();
    await checkAxe(page, `the ${tab} tab`);
    rows = await queueRows();
    assert.equal(rows.length, listed.length, `${tab}: ${rows.join(' | ')}`);
    for (const n of listed) assert.equal(await page.getByRole('link', { name: checkLabel(n) }).count(), 1, `${tab} lists check ${n}`);
  }
});

test("the day's report: every check received is posted, in the queue, resolved or returned", async () => {
  await go('/console/remittances');
  await page.getByLabel("A day's report: deposit date").fill(date);
  await submit('Show the day');
  assert.equal(path(), `/console/remittances/days/${date}`);
  assert.match(await heading(), /^Lockbox items deposited /);
  const figures = page.getByRole('table', { name: 'The day in figures' });
  const line = async (label) => {
    const cells = await figures.locator('tbody tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td').allInnerTexts();
    assert.equal(cells.length, 2, `the report has a line "${label}"`);
    return { count: Number(cells[0].trim()), cents: Number(cells[1].replace(/[$,.\s]/g, '')) };
  };
  const received = await line('Received');
  const posted = await line('Posted automatically');
  const queued = await line('In the exception queue now');
  const resolved = await line('Resolved by staff (applied or split)');
  const returned = await line('Returned to the sender');
  const sum = (ns) => ns.reduce((s, n) => s + check(n).cents, 0);
  assert.deepEqual(received, { count: 8, cents: sum([1, 2, 3, 4, 5, 6, 7, 8]) });
  assert.deepEqual(posted, { count: 4, cents: sum([1, 2, 3, 8]) });
  assert.deepEqual(queued, { count: 1, cents: sum([7]) });
  assert.deepEqual(resolved, { count: 2, cents: sum([5, 6]) });
  assert.deepEqual(returned, { count: 1, cents: sum([4]) });
  assert.equal(received.count, posted.count + queued.count + resolved.count + returned.count, 'the counts add up');
  assert.equal(received.cents, posted.cents + queued.cents + resolved.cents + returned.cents, 'the totals add up');
  const items = await page.getByRole('table', { name: /^Items deposited / }).locator('tbody tr').allInnerTexts();
  assert.equal(items.length, 8, 'every check of the day is listed');
  assert.equal(items.filter((r) => /Posted automatically/.test(r)).length, 4);
  // The day before has none of them.
  await page.getByRole('link', { name: 'The day before' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the day before');
  assert.match(await main(), /No lockbox items were deposited on /);
});

test('at phone width the queue, an item and the report fit the screen and pass axe', async () => {
  await go('/console/remittances');
  await page.getByRole('link', { name: checkLabel(7) }).click();
  await page.waitForLoadState();
  itemPaths[7] = path();
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [what, to] of [['the queue', '/console/remittances'], ['an open item', itemPaths[7]], ['a split item', itemPaths[6]], ["the day's report", `/console/remittances/days/${date}`]]) {
      await go(to);
      await noOverflow(`${what} at ${width}px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await submit('Sign out');
  assert.equal(path(), '/console/sign-in');
  await page.close();
});
