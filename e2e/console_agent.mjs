// The console tried as a new agent would (issue 19): the demo agent signs in, finds Maria Lopez
// by what a caller gives (her name, with or without the accent, the account number as printed on
// a statement, her phone), opens her account, verifies the caller (one wrong try, then right),
// writes a note, answers a borrower's secure message (the borrower reads the answer in the
// portal), takes a payment by phone from a bank account and from a debit card, and checks the
// account and pay pages at phone width. axe-core checks every console page visited.
//
// It runs after console.mjs, in the same server and browser profile: the portal test has
// enrolled Maria (and signed her out everywhere), so the borrower who writes here is Aisha
// Khan, enrolled for the occasion. The portal's and the console's cookies differ, so one
// profile holds the agent's session and Aisha's side by side.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, checkAxe, totp } from './harness.mjs';

// app::demo: the demo agent and the (published, demo-only) authenticator key of the demo staff.
const AGENT = { email: 'agent@demo.example', name: 'Demo Agent' };
const PASSWORD = 'demo console passphrase';
const KEY = 'ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB';
// Maria Lopez and Aisha Khan in the demo portfolio (app::demo).
const MARIA = { name: 'Maria Lopez', account: '5218 4000 0000 1015', phone: '(217) 555-0143', ssn4: '6789', dob: '04/12/1985', zip: '62704' };
const AISHA = { account: '5218400000003011', ssn4: '4321', dob: '07/28/1992', zip: '98103', username: 'aisha.khan' };
const EXPIRY = `09/${(new Date().getFullYear() + 3) % 100}`; // the sandbox card's: any future date
const SUBJECT = 'Can I move my due date to the 15th?';
const REPLY = 'Yes, we can help with that. Please call us so we can go through the options with you.';

let page; // the agent's
let accountPath = ''; // Maria's account page
let borrower; // Aisha's portal page

const path = (p = page) => new URL(p.url()).pathname;
const heading = async (p = page) => (await p.locator('h1').innerText()).trim();
const main = async (p = page) => p.locator('main').innerText();

/** Presses a button, waits for the page it leads to, and checks that page with axe. */
async function submit(name, p = page) {
  await p.getByRole('button', { name, exact: true }).click();
  await p.waitForLoadState();
  await checkAxe(p, `${path(p)} after "${name}"`);
}

/** Opens a console page by its address and checks it with axe. */
async function go(to, p = page) {
  const response = await p.goto(env.base + to);
  await checkAxe(p, to);
  return response;
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

/** Asserts the page has no sideways scrolling at its width. */
async function noOverflow(what) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width + 1, `${what}: ${scroll}px wide on a ${width}px screen`);
}

test('a new agent signs in and lands on Home with the search box', async () => {
  page = await env.context.newPage();
  await go('/console/sign-in');
  await page.getByLabel('Email').fill(AGENT.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Authenticator code').fill(totp(KEY).code);
  await submit('Sign in');
  assert.equal(path(), '/console');
  assert.match(await main(), /signed in as Demo Agent, agent/);
  const nav = page.getByRole('navigation', { name: 'Console' });
  assert.equal(await nav.getByRole('link', { name: 'Reports' }).count(), 0, 'an agent has no reports');
  assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0, 'an agent manages no staff');
});

test('Maria is found by her name, her accented name, the account number as printed, and her phone', async () => {
  // From Home's box, as typed by someone in a hurry.
  await page.getByLabel('Find a borrower or loan').fill('maria lopez');
  await submit('Search');
  assert.equal(path(), '/console/search');
  for (const q of ['maria lopez', 'María López', MARIA.account, MARIA.phone]) {
    if (q !== 'maria lopez') {
      await page.getByLabel('Search', { exact: true }).fill(q);
      await submit('Search');
    }
    const results = page.locator('table tbody');
    assert.equal(await results.getByRole('link', { name: MARIA.name }).count(), 1, `"${q}" finds Maria`);
    const row = await results.locator('tr', { has: page.getByRole('link', { name: MARIA.name }) }).innerText();
    assert.match(row, /•/, `"${q}": contact details are masked`);
    assert.doesNotMatch(row, /maria\.lopez@|555-0143|2175550143/, `"${q}": no contact detail in full`);
    assert.match(row, /Ending 1015/);
  }
  await page.locator('table tbody').getByRole('link', { name: MARIA.name }).click();
  await page.waitForLoadState();
  await checkAxe(page, "Maria's account");
  assert.equal(await heading(), MARIA.name);
  accountPath = path();
  assert.match(accountPath, /^\/console\/borrowers\/\d+$/);
});

test('a caller is verified: a wrong answer fails with the attempts left, right ones pass', async () => {
  // Before a pass, the answers are nowhere on the page (nor in its markup).
  const right = [MARIA.dob, '1985-04-12', `***-**-${MARIA.ssn4}`, '/1985'];
  const noAnswers = async (when) => {
    const html = await page.content();
    for (const v of right) assert.ok(!html.includes(v), `${when}: "${v}" is not on the page`);
    const borrower = await page.locator('#borrower').innerText();
    assert.doesNotMatch(borrower, new RegExp(`${MARIA.ssn4}|1985`), `${when}: the Borrower section shows neither answer`);
    assert.match(borrower, /\*\*\*-\*\*-\*\*\*\*/);
  };
  await noAnswers('before any try');
  assert.match(await page.locator('#verify').innerText(), /values on file are never shown/);
  // The caller gets the last 4 of the SSN wrong.
  await page.locator('#verify').getByLabel('ZIP code').fill(MARIA.zip);
  await page.locator('#verify').getByLabel('Last 4 of the SSN').fill('6798');
  await submit('Check the answers');
  const failed = await page.locator('#verify').innerText();
  assert.match(failed, /The answers do not match what is on file\. 2 attempts are left\./);
  assert.doesNotMatch(await page.locator('main').innerText(), /Caller verified/);
  await noAnswers('after a failed try');
  // Then the date of birth and the last 4, right.
  const form = page.locator('#verify');
  await form.getByLabel('ZIP code').fill('');
  await form.getByLabel('Date of birth').fill(MARIA.dob);
  await form.getByLabel('Last 4 of the SSN').fill(MARIA.ssn4);
  await submit('Check the answers');
  assert.match(await page.locator('[role=status]').first().innerText(), /Caller verified by Demo Agent until \d{1,2}:\d{2}/);
  assert.match(await page.locator('#verify').innerText(), /Verified by Demo Agent until/);
  const borrower = await page.locator('#borrower').innerText();
  assert.match(borrower, /\*\*\*-\*\*-6789/);
  assert.match(borrower, /\*\*\/\*\*\/1985/);
});

test('the agent writes a call-in note and sees it listed', async () => {
  await go(accountPath);
  const notes = page.locator('#notes');
  await notes.getByLabel('What the note records').selectOption({ label: 'Call in' });
  await notes.getByLabel('Note', { exact: true }).fill('Caller asked to pay the past-due amount by phone; verified by DOB and SSN last 4.');
  await submit('Add the note');
  const listed = await page.locator('#notes').innerText();
  assert.match(listed, /Call in · Demo Agent · [^\n]+\n+Caller asked to pay the past-due amount by phone/);
});

test('a borrower writes a secure message from the portal', async () => {
  borrower = await env.context.newPage();
  await go('/enroll', borrower);
  await borrower.getByLabel('Account number').fill(AISHA.account);
  await borrower.getByLabel('Last 4 digits of your Social Security number').fill(AISHA.ssn4);
  await borrower.getByLabel('Date of birth').fill(AISHA.dob);
  await borrower.getByLabel('ZIP code').fill(AISHA.zip);
  await submit('Continue', borrower);
  assert.equal(await heading(borrower), 'Check your messages');
  const code = await fromMailbox(/To a[^\n]*\n+Your Servicer Demo Lending code is (\d{6})/);
  await borrower.getByLabel('Code', { exact: true }).fill(code);
  await submit('Continue', borrower);
  await borrower.getByLabel('Username').fill(AISHA.username);
  await borrower.getByLabel('Password', { exact: true }).fill('harbor lantern meadow quill');
  await borrower.getByLabel('Enter the password again').fill('harbor lantern meadow quill');
  await submit('Create sign-in', borrower);
  assert.equal(await heading(borrower), 'Your loans');
  await go('/messages/new', borrower);
  await borrower.getByLabel('Subject').fill(SUBJECT);
  await borrower.getByLabel('Your message').fill('My pay day moved. Could my payment be due on the 15th of each month instead?');
  await submit('Send message', borrower);
  assert.match(await main(borrower), /Your message is sent/);
});

test('the agent finds the message under Unassigned, takes it, and replies', async () => {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Messages' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the inbox');
  assert.equal(path(), '/console/messages');
  assert.equal(await page.getByRole('navigation', { name: 'Whose threads' }).locator('[aria-current=page]').innerText(), 'Unassigned');
  const row = page.locator('table tbody tr', { has: page.getByRole('link', { name: SUBJECT }) });
  assert.equal(await row.count(), 1, 'the new thread is unassigned');
  assert.match(await row.innerText(), /Aisha Khan[\s\S]*Nobody[\s\S]*waiting|Aisha Khan[\s\S]*Nobody/);
  await row.getByRole('link', { name: SUBJECT }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'a thread');
  assert.equal(await heading(), SUBJECT);
  assert.match(await main(), /My pay day moved/);
  await submit('Assign to me');
  assert.match(await page.locator('[role=status]').innerText(), /The thread is yours/);
  assert.match(await main(), /Assigned to\s+Demo Agent/);
  await page.getByLabel('Your reply').fill(REPLY);
  await submit('Send reply');
  assert.match(await page.locator('[role=status]').innerText(), /Your reply is sent/);
  assert.match(await main(), /Demo Agent[\s\S]*Yes, we can help with that/);
  // It left Unassigned for Mine.
  await go('/console/messages');
  assert.equal(await page.getByRole('link', { name: SUBJECT }).count(), 0, 'no longer unassigned');
  await page.getByRole('navigation', { name: 'Whose threads' }).getByRole('link', { name: 'Mine' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'my threads');
  assert.equal(await page.getByRole('link', { name: SUBJECT }).count(), 1, 'mine now');
});

test('the borrower reads the reply in the portal', async () => {
  await go('/messages', borrower);
  await borrower.getByRole('link', { name: SUBJECT }).click();
  await borrower.waitForLoadState();
  await checkAxe(borrower, "the borrower's thread");
  const text = await main(borrower);
  assert.match(text, /Servicer Demo Lending wrote[^\n]*\n+Yes, we can help with that/);
  assert.doesNotMatch(text, /Demo Agent/, 'the reply is under the company name');
  await borrower.close();
});

/** From the account page to the pay page: the caller's pass is named at the top. */
async function openPayPage() {
  await go(accountPath);
  await page.getByRole('link', { name: 'Take a payment' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the pay page');
  assert.equal(await heading(), 'Take a payment by phone');
  assert.match(await page.locator('[role=status]').first().innerText(), /Demo Agent/);
}

test('"The amount due" takes the amount the pay page says is due', async () => {
  // Loan 1015 is paid to date: the demo dates it so that an installment falls due, and is
  // paid, on the business date.
  await openPayPage();
  const loan = page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1015:/ });
  const label = await page.getByRole('group', { name: 'Loan' }).locator('label', { hasText: 'Loan ending 1015:' }).innerText();
  // The label says what "The amount due" takes by card (credited today) and by bank.
  const dueNow = label.match(/(\$[\d,]+\.\d\d) due by (?:bank or )?card/)?.[1] ?? (/nothing due by (?:bank or )?card/.test(label) ? '$0.00' : undefined);
  assert.ok(dueNow, `the loan's label says what is due by card: ${label}`);
  await loan.check();
  await page.getByLabel('The amount due').check();
  await page.getByLabel('A debit card the borrower reads out now').check();
  await page.getByLabel('Name on the card').fill(MARIA.name);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date').fill(EXPIRY);
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Billing ZIP code').fill(MARIA.zip);
  await submit('Review the payment');
  if (dueNow === '$0.00') {
    assert.match(await main(), /Nothing of that kind is due now/, `"${label}": the amount due is refused, as nothing is due`);
  } else {
    const amount = await page.locator('dt:text-is("Amount") + dd').innerText();
    assert.equal(amount.trim(), dueNow, `"${label}": the amount due taken is the amount due now`);
  }
});

test('a review refused for its amount keeps nothing of the bank account read out', async () => {
  // console.md: "Nothing is written when any of these is shown."
  await openPayPage();
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('10000.00'); // more than the payoff
  await page.getByLabel('A bank account the borrower reads out now').check();
  await page.getByLabel('Name on the account').fill(MARIA.name);
  await page.getByLabel('Routing number').fill('231380104');
  await page.getByLabel('Account number', { exact: true }).fill('7700987654');
  await page.getByLabel('Account number again').fill('7700987654');
  await submit('Review the payment');
  assert.match(await page.locator('.error-summary').innerText(), /more than the payoff amount/);
  assert.doesNotMatch(await page.content(), /7700987654/, 'the account number is not drawn back');
  const offered = await page.getByRole('group', { name: 'Pay from' }).innerText();
  assert.doesNotMatch(offered, /ending (in )?7654/, `the refused review recorded no method: ${offered.replace(/\s+/g, ' ')}`);
});

test('a payment by phone from a bank account read out: the script, the agreement, the receipt', async () => {
  await openPayPage();
  const loans = page.getByRole('group', { name: 'Loan' }).getByRole('radio');
  assert.equal(await loans.count(), 3, "Maria's three active loans are offered");
  // The past-due loan: the caller is behind.
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
  await page.getByLabel('The amount due').check();
  await page.getByLabel('A bank account the borrower reads out now').check();
  await page.getByLabel('Name on the account').fill(MARIA.name);
  await page.getByLabel('Routing number').fill('231380104');
  await page.getByLabel('Account number', { exact: true }).fill('4400123456');
  await page.getByLabel('Account number again').fill('4400123456');
  await submit('Review the payment');
  assert.equal(await heading(), 'Review the payment and read the authorization');
  const amount = (await page.locator('dt:text-is("Amount") + dd').innerText()).trim();
  assert.match(amount, /^\$[\d,]+\.\d\d$/);
  assert.match(await page.locator('dt:text-is("From") + dd').innerText(), /checking account ending in 3456/);
  assert.equal(await page.getByRole('heading', { name: 'Read this to the borrower, word for word' }).count(), 1);
  const script = (await page.locator('.script').innerText()).trim();
  assert.match(script, /Maria Lopez/);
  assert.ok(script.includes(amount), `the script names the amount ${amount}`);
  assert.match(script, /ending in 3456/, 'the script names the account by its last four');
  assert.match(script, /single, one-time/);
  assert.doesNotMatch(await page.content(), /4400123456/, 'the account number is not drawn back');
  // Confirming before the borrower agrees does nothing.
  await page.getByRole('button', { name: `Take the payment of ${amount}` }).click();
  assert.equal(path(), `${accountPath}/pay/review`, 'not taken without the agreement');
  await page.getByLabel('The borrower agreed to this authorization').check();
  await submit(`Take the payment of ${amount}`);
  assert.match(await heading(), /^Payment P[0-9A-Z]{11}$/);
  const confirmation = (await heading()).replace('Payment ', '');
  const receipt = await main();
  assert.match(receipt, new RegExp(`Payment taken\\.\\s+Read the borrower the confirmation number, ${confirmation}`));
  assert.match(receipt, /Status\s+Pending/);
  assert.match(receipt, new RegExp(`Amount\\s+\\${amount}`));
  assert.match(receipt, /Taken by\s+Demo Agent/);
  // The notice is written with the payment; the worker sends it within moments, and until
  // then the receipt says the bank debit waits for it.
  assert.match(receipt, /Written notice\s+(Sent |Waiting to be sent [^\n]*The bank debit is held until it is sent)/);
  assert.ok(receipt.includes(script), 'the receipt keeps the words read');
  // The written notice of the authorization, in the demo mailbox, with the words read.
  const notice = await fromMailbox(new RegExp(`(This confirms the payment you authorized by phone: [^\\n]*confirmation number ${confirmation}[\\s\\S]*?)Keep this message`));
  assert.ok(notice.includes(amount), `the notice names ${amount}`);
  assert.ok(notice.includes(script), 'the notice holds the words read');
  // The worker delivers it to the demo mailbox within its poll: the receipt then says so.
  let delivered = '';
  for (let tries = 0; tries < 40 && !/Written notice\s+Sent by email to /.test(delivered); tries++) {
    await page.waitForTimeout(500);
    await page.reload();
    delivered = await main();
  }
  assert.match(delivered, /Written notice\s+Sent by email to /);
  // And the account lists it as pending.
  await go(accountPath);
  assert.match(await page.locator('#loans').innerText(), new RegExp(`${confirmation}\\s+\\${amount}`));
});

test('a payment by phone from a sandbox debit card posts at once', async () => {
  await openPayPage();
  // The bank account read out earlier on this call is offered again, by its last four.
  assert.match(await page.getByRole('group', { name: 'Pay from' }).innerText(), /checking account ending 3456, given on this call/);
  await page.getByRole('group', { name: 'Loan' }).getByRole('radio').first().check();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('40.00');
  await page.getByLabel('A debit card the borrower reads out now').check();
  await page.getByLabel('Name on the card').fill(MARIA.name);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date').fill(EXPIRY);
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Billing ZIP code').fill(MARIA.zip);
  await submit('Review the payment');
  assert.equal(await heading(), 'Review the payment and read the authorization');
  assert.match(await page.locator('.script').innerText(), /\$40\.00[\s\S]*4242|4242[\s\S]*\$40\.00/);
  assert.doesNotMatch(await page.content(), /4242 ?4242 ?4242/, 'the card number is not drawn back');
  await page.getByLabel('The borrower agreed to this authorization').check();
  await submit('Charge $40.00 to the card');
  assert.match(await heading(), /^Payment P[0-9A-Z]+$/);
  const receipt = await main();
  assert.match(receipt, /Payment taken\./);
  assert.match(receipt, /Status\s+Posted/);
  assert.match(receipt, /Amount\s+\$40\.00/);
  assert.match(receipt, /From\s+Visa debit card ending in 4242/);
  const confirmation = (await heading()).replace('Payment ', '');
  assert.match(await fromMailbox(new RegExp(`(\\$40\\.00[^\\n]*confirmation number ${confirmation})`)), /4242|\$40\.00/);
});

test('"See what the borrower sees" opens her portal pages read-only: dashboard, a loan, its schedule and AutoPay, messages', async () => {
  await go(accountPath);
  await page.getByRole('link', { name: 'See what the borrower sees' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the read-only dashboard');
  const readOnly = async (what) => {
    assert.match(await main(), /Read-only\. This is what Maria Lopez sees/, `${what} says it is read-only`);
    assert.equal(await page.locator('main form, main button, main input').count(), 0, `${what} has no form`);
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.ok(h.startsWith('/console/borrowers/') || h.startsWith('#'), `${what} links only within the console: ${h}`);
  };
  await readOnly('the dashboard');
  await page.getByRole('link', { name: /Details and activity for the loan ending 1023/ }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the read-only loan page');
  assert.match(await heading(), /^Personal loan ending 1023/);
  await readOnly('the loan page');
  await page.getByRole('link', { name: 'Full payment schedule' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the read-only schedule');
  assert.equal(await heading(), 'Payment schedule');
  await readOnly('the schedule');
  await page.goBack();
  await page.getByRole('link', { name: /^(Manage|Set up) AutoPay$/ }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, 'the read-only AutoPay page');
  assert.match(await heading(), /^AutoPay for the loan ending 1023/);
  await readOnly('the AutoPay page');
  await go(`${accountPath}/portal/messages`);
  assert.equal(await heading(), 'Messages');
  await readOnly('the message center');
});

test('the agent changes their password (a wrong current one is refused) and changes it back', async () => {
  const NEW = 'lantern harbor copper seventy two';
  await go('/console/password');
  assert.equal(await heading(), 'Your password');
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password', { exact: true }).fill(NEW);
  await page.getByLabel('New password again').fill(NEW);
  await submit('Change password');
  assert.match(await page.title(), /^Error: /);
  assert.match(await main(), /current password/i);
  for (const [from, to] of [[PASSWORD, NEW], [NEW, PASSWORD]]) {
    await page.getByLabel('Current password').fill(from);
    await page.getByLabel('New password', { exact: true }).fill(to);
    await page.getByLabel('New password again').fill(to);
    await submit('Change password');
    assert.match(await page.locator('#password-changed').innerText(), /changed/i);
    await go('/console/password');
  }
});

test('at phone width the account and pay pages fit the screen and pass axe', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await go(accountPath);
  await noOverflow("Maria's account");
  await page.getByRole('link', { name: 'Take a payment' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'the pay page at 375px');
  await noOverflow('the pay page');
  await page.setViewportSize({ width: 1280, height: 720 });
  await submit('Sign out');
  assert.equal(path(), '/console/sign-in');
  await page.close();
});
