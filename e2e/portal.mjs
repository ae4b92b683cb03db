// A new borrower's journey through the portal, as a person would take it: enroll with the
// demo data, read the code in the demo mailbox, set up an authenticator app, sign out, sign
// in with password and TOTP, see three loans and open each, change alert choices, go
// paperless, add a bank account, pay part of the amount due (pending, cancelled, paid again,
// the split on the receipt), set up AutoPay on the boarded loan and AutoPay every other week
// on the first (its product allows it), write to us, recover the
// username and the password, sign out everywhere.
// axe-core checks every page visited, error pages included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, checkAxe, totp } from './harness.mjs';

// Maria Lopez in the demo portfolio (app::demo): her first account number and identity facts.
const MARIA = { account: '5218 4000 0000 1015', ssn4: '6789', dob: '04/12/1985', zip: '62704', email: 'maria.lopez@example.com' };
const USERNAME = 'maria.lopez';
let password = 'lantern orchard velvet';
let secret = '';
let lastStep = -1;
let page;

/** A TOTP code from a step not used yet (a step is accepted once): waits for the next one. */
async function freshTotp() {
  let t = totp(secret);
  while (t.step <= lastStep) {
    await new Promise((ok) => setTimeout(ok, 1000));
    t = totp(secret);
  }
  lastStep = t.step;
  return t.code;
}

/** The newest message in the demo mailbox whose text matches `pattern`: the first group. */
async function fromMailbox(pattern) {
  const box = await env.context.newPage();
  await box.goto(env.base + '/demo/mailbox');
  const text = await box.locator('main').innerText();
  await box.close();
  const m = text.match(pattern);
  if (!m) console.log(text.slice(0, 3000)); // what the mailbox did hold
  assert.ok(m, `the mailbox has a message matching ${pattern}`);
  return m[1];
}

async function go(path) {
  const response = await page.goto(env.base + path);
  await checkAxe(page, path);
  return response;
}

async function submit(button) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, `${page.url()} after "${button}"`);
}

async function heading() {
  return (await page.locator('h1').innerText()).trim();
}

/** The id of the element that has focus (the error summary takes it when a form is refused). */
async function focused() {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

test('enrolment refuses wrong facts with the same message, then takes the right ones and a mailed code', async () => {
  page = await env.context.newPage();
  await go('/enroll');
  // Every fact that is not one is listed at once, and focus moves to the list (GOV.UK).
  await page.getByLabel('Account number').fill('1234');
  await page.getByLabel('Last 4 digits of your Social Security number').fill('12');
  await page.getByLabel('Date of birth').fill(MARIA.dob);
  await page.getByLabel('ZIP code').fill('1');
  await submit('Continue');
  assert.equal(await page.locator('.error-summary li').count(), 3, 'account number, SSN and ZIP at once');
  assert.equal(await focused(), 'error-summary');
  await page.getByLabel('Account number').fill(MARIA.account);
  await page.getByLabel('Last 4 digits of your Social Security number').fill(MARIA.ssn4);
  await page.getByLabel('Date of birth').fill(MARIA.dob);
  await page.getByLabel('ZIP code').fill('10001');
  await submit('Continue');
  assert.match(await page.locator('.error-summary').innerText(), /could not set up a sign-in with those details/);
  await page.getByLabel('ZIP code').fill(MARIA.zip);
  await submit('Continue');
  assert.equal(await heading(), 'Check your messages');
  assert.match(await page.locator('main').innerText(), /m••••@example\.com/);
  const code = await fromMailbox(/Your Servicer Demo Lending code is (\d{6})/);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await submit('Continue');
  assert.equal(await heading(), 'Choose a username and password');
});

test('a common password is refused; a long phrase creates the sign-in and every loan appears', async () => {
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByLabel('Enter the password again').fill('password1234');
  await submit('Create sign-in');
  assert.match(await page.locator('.error-summary').innerText(), /too common/);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Enter the password again').fill(password);
  await submit('Create sign-in');
  assert.equal(await heading(), 'Your loans');
  assert.equal(await page.locator('.loan-card').count(), 3);
});

test('an authenticator app is set up with a QR code and ten recovery codes shown once', async () => {
  await page.getByRole('link', { name: 'set up an authenticator app' }).click();
  await page.waitForLoadState();
  await checkAxe(page, 'authenticator setup');
  assert.equal(await heading(), 'Set up an authenticator app');
  assert.ok(await page.locator('img.qr').isVisible(), 'the QR code is shown');
  secret = (await page.locator('#secret-key').innerText()).trim();
  await page.getByLabel('Code from the app').fill('000000');
  await submit('Turn on');
  assert.match(await page.locator('.error-summary').innerText(), /code is not right/);
  await page.getByLabel('Code from the app').fill(await freshTotp());
  await submit('Turn on');
  assert.equal(await heading(), 'Your authenticator app is set up');
  assert.equal(await page.locator('.codes li').count(), 10);
});

test('after signing out, signing in asks for the password and then the app code', async () => {
  await submit('Sign out');
  assert.match(await page.locator('main').innerText(), /You have signed out/);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill('not my password at all');
  await submit('Continue');
  assert.match(await page.locator('.error-summary').innerText(), /username or password is not right/);
  await page.getByLabel('Password').fill(password);
  await submit('Continue');
  assert.equal(await heading(), 'Enter the code from your app');
  await page.getByLabel('Code', { exact: true }).fill(await freshTotp());
  await submit('Continue');
  assert.equal(await heading(), 'Your loans');
  // Signed in, the public pages keep the signed-in menu.
  await go('/help');
  assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible(), 'Help shows the signed-in menu');
  assert.equal(await page.getByRole('link', { name: 'Sign in', exact: true }).count(), 0);
  await go('/dashboard');
});

test('the dashboard shows three loans, what needs action, and each loan opens with its payoff and activity', async () => {
  const main = await page.locator('main').innerText();
  assert.match(main, /Re-establish your AutoPay/);
  assert.match(main, /is past due/);
  const links = await page.locator('.loan-card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links.length, 3);
  for (const [i, href] of links.entries()) {
    await go(href);
    const text = await page.locator('main').innerText();
    assert.match(text, /Payoff amount/);
    assert.match(text, /Each day after .* adds/);
    assert.match(text, /Truth in Lending|given by your lender/);
    // The two loans originated here have payments, each shown with its split.
    if (i < 2) assert.match(text, /To interest[\s\S]*Payment/);
  }
  await go(`${links[0]}/schedule`);
  assert.equal(await heading(), 'Payment schedule');
  // On a phone: no sideways scrolling of the page (wide tables scroll inside their own box).
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/dashboard', links[0], `${links[0]}/schedule`, '/profile', '/profile/alerts']) {
    await page.goto(env.base + path);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide on a ${width}px screen`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // A payoff date that has passed is quoted for today, and the page says so; the quote is
  // itemized and says what it assumes.
  await go(`${links[0]}?payoff_date=2020-01-01`);
  const payoff = await page.locator('main').innerText();
  assert.match(payoff, /You asked for the payoff on January 1, 2020, which has passed, so this is the payoff for today/);
  assert.match(payoff, /Interest accrued through [A-Z][a-z]+ \d{1,2}, \d{4}/);
  assert.match(payoff, /What this figure assumes/);
  await go(`${links[0]}?payoff_date=not-a-date`).then((r) => assert.equal(r.status(), 400));
  assert.match(await page.locator('.error-summary').innerText(), /Enter the payoff date as a date/);
  assert.equal(await focused(), 'error-summary');
});

test('alert choices: texts need consent, which is recorded; paperless needs the E-SIGN consent', async () => {
  await go('/profile/alerts');
  // The alert that protects the borrower cannot be turned off, and the page says why.
  const returned = page.getByRole('group', { name: /Payment returned/ });
  for (const channel of ['Email (always on)', 'Message center (always on)']) {
    const box = returned.getByLabel(channel);
    assert.ok((await box.isChecked()) && (await box.isDisabled()), `${channel}: always on`);
  }
  assert.match(await page.locator('main').innerText(), /Always sent by email and to your message center/);
  await page.getByRole('group', { name: /Payment due/ }).getByLabel('Text message').check();
  await submit('Save alert choices');
  assert.match(await page.locator('.error-summary').innerText(), /agree to receive them/);
  await page.getByLabel(/I agree to receive account alerts by text/).check();
  await submit('Save alert choices');
  assert.match(await page.locator('[role=status]').innerText(), /saved/);
  assert.ok(await page.getByRole('group', { name: /Payment due/ }).getByLabel('Text message').isChecked());
  await go('/profile/paperless');
  await page.getByLabel(/I have read the consent above/).check();
  await submit('Go paperless');
  assert.match(await page.locator('main').innerText(), /Paperless \(online only\)/);
});

test('a bank account is checked by its routing number and listed by its last four digits', async () => {
  await go('/payment-methods/new');
  await page.getByLabel('Name on the account').fill('Maria Lopez');
  await page.getByLabel('Routing number').fill('231380105');
  await page.getByLabel('Account number', { exact: true }).fill('000123456789');
  await page.getByLabel('Account number again').fill('000123456789');
  await submit('Save bank account');
  assert.match(await page.locator('.error-summary').innerText(), /routing number is not valid/);
  assert.equal(await page.getByLabel('Account number', { exact: true }).inputValue(), '', 'the account number is not shown again');
  await page.getByLabel('Routing number').fill('231380104');
  await page.getByLabel('Account number', { exact: true }).fill('000123456789');
  await page.getByLabel('Account number again').fill('000123456789');
  await submit('Save bank account');
  const text = await page.locator('main').innerText();
  assert.match(text, /Checking account ending 6789/);
  assert.doesNotMatch(text, /000123456789/);
});

test('a part payment is pending and can be cancelled; paying again shows the split on the receipt', async () => {
  await go('/dashboard');
  // The second loan is the past-due one.
  await page.getByRole('link', { name: /Make a payment on the loan ending/ }).nth(1).click();
  await page.waitForLoadState();
  await checkAxe(page, 'pay page');
  assert.match(await heading(), /Make a payment/);
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('12.345');
  await submit('Review payment');
  assert.match(await page.locator('.error-summary').innerText(), /dollars and cents/);
  assert.equal(await focused(), 'error-summary');
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('25.00');
  await submit('Review payment');
  assert.equal(await heading(), 'Review your payment');
  assert.match(await page.locator('main').innerText(), /How it will be applied[\s\S]*Interest[\s\S]*Principal/);
  await submit('Pay $25.00');
  let text = await page.locator('main').innerText();
  assert.match(text, /your payment is pending/i);
  assert.match(text, /Confirmation number P[0-9A-Z]{11}/);
  await go('/dashboard');
  assert.match(await page.locator('main').innerText(), /\$25\.00 on .* \(Pending\)/);
  await page.getByRole('link', { name: /\$25\.00 on/ }).click();
  await page.waitForLoadState();
  await submit('Cancel this payment');
  assert.match(await page.locator('main').innerText(), /Your payment is cancelled[\s\S]*Cancelled/);
  await go('/dashboard');
  assert.doesNotMatch(await page.locator('main').innerText(), /\$25\.00 on/);
  // Pay again: the receipt shows how it will be split.
  await page.getByRole('link', { name: /Make a payment on the loan ending/ }).nth(1).click();
  await page.waitForLoadState();
  await page.getByLabel('Another amount').check();
  await page.getByLabel('Other amount, in dollars').fill('30.00');
  await submit('Review payment');
  await submit('Pay $30.00');
  text = await page.locator('main').innerText();
  assert.match(text, /Pending/);
  assert.match(text, /How it will be applied[\s\S]*Fees[\s\S]*Interest[\s\S]*Principal/);
  assert.match(text, /Cancel this payment/);
});

test('AutoPay on the boarded loan: the exact authorization is agreed to, and the banner goes', async () => {
  await go('/dashboard');
  assert.match(await page.locator('main').innerText(), /Re-establish your AutoPay/);
  await page.getByRole('link', { name: /Set up AutoPay for the loan ending/ }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, 'autopay page');
  await submit('Continue');
  const words = await page.locator('#authorization').innerText();
  assert.match(words, /I authorize .* to debit my checking account ending in 6789/);
  assert.match(words, /final draft will be for the exact amount/);
  await submit('Turn on AutoPay');
  assert.match(await page.locator('.error-summary').innerText(), /agree to the authorization/);
  await page.getByLabel('I agree to this authorization').check();
  await submit('Turn on AutoPay');
  assert.match(await page.locator('main').innerText(), /AutoPay is on[\s\S]*The scheduled payment[\s\S]*On each due date/);
  await go('/dashboard');
  const main = await page.locator('main').innerText();
  assert.doesNotMatch(main, /Re-establish your AutoPay/);
  assert.match(main, /On: the scheduled payment on each due date/);
  assert.match(await fromMailbox(/(Your AutoPay authorization for the loan ending in \d{4})/), /AutoPay authorization/);
});

test('AutoPay every other week where the product allows it: half the payment, the last draft before a due date, the extra to principal', async () => {
  await go(`/loans/${MARIA.account.replace(/ /g, '')}/autopay`);
  await page.getByLabel(/Every other week: half the payment/).check();
  await submit('Continue');
  const words = await page.locator('#authorization').innerText();
  assert.match(words, /for half of each scheduled payment \(now \$[\d,]+\.\d{2}\), every other \w+day starting \w+ \d{1,2}, \d{4}/);
  assert.match(words, /The last draft before each due date will be for at least what is left unpaid of that payment/);
  assert.match(words, /goes to principal/);
  await page.getByLabel('I agree to this authorization').check();
  await submit('Turn on AutoPay');
  assert.match(await page.locator('main').innerText(), /AutoPay is on[\s\S]*Half of each scheduled payment[\s\S]*Every other \w+day starting/);
  await go('/dashboard');
  assert.match(await page.locator('main').innerText(), /On: half of each scheduled payment every other \w+day starting/);
});

test('a secure message reaches the servicer and is listed', async () => {
  await go('/messages/new');
  await submit('Send message');
  // Both empty fields at once, and focus on the list.
  const problems = await page.locator('.error-summary').innerText();
  assert.match(problems, /Enter a subject/);
  assert.match(problems, /Enter your message/);
  assert.equal(await focused(), 'error-summary');
  await page.getByLabel('Subject').fill('Question about my boarded loan');
  await page.getByLabel('Your message').fill('When will my first statement from you arrive?');
  await submit('Send message');
  assert.match(await page.locator('main').innerText(), /Question about my boarded loan/);
});

test('past due: the banner says what is owed, its hardship link takes a request to the servicer; what-if and the history download answer', async () => {
  await go('/dashboard');
  const main = await page.locator('main').innerText();
  // Each late part with its due date and days, and the fees, adding up to the amount said.
  assert.match(main, /is past due: \$[\d,]+\.\d\d due [A-Z][a-z]+ \d{1,2}, \d{4} \(\d+ days? late\)/);
  await page.getByRole('link', { name: /^Can't make a payment\? See your options/ }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, 'the hardship page');
  assert.equal(await heading(), "Can't make a payment?");
  await submit('Send my request');
  assert.ok(await page.locator('.error-summary').count(), 'every error is listed at once');
  await page.getByLabel('I lost my job').check();
  await page.getByLabel('Payment deferral').check();
  await page.getByLabel('In your own words, what happened and what would help?').fill('I was laid off last week and start a new job next month.');
  await page.getByLabel('By email, at the address on file').check();
  await page.getByLabel('Mornings, before noon').check();
  await submit('Send my request');
  assert.equal(await heading(), 'We have your request');
  await go('/messages');
  assert.match(await page.locator('main').innerText(), /Hardship request: loan ending \d{4}/);

  // What if I pay extra? On the first loan's page, by the replay that posts payments.
  await go('/dashboard');
  const first = await page.locator('.loan-card h2 a').first().getAttribute('href');
  await go(first);
  await page.getByLabel('Extra amount, in dollars').fill('50.00');
  await submit('Show the difference');
  assert.match(await page.locator('#what-if-answer').innerText(), /^Paying \$50\.00 more with every payment, your loan is paid off on .* instead of .*, and you pay \$[\d,]+\.\d\d less interest\.$/);
  await page.getByLabel('Extra amount, in dollars').fill('12.345');
  await submit('Show the difference');
  assert.equal(await page.locator('#what-if-answer').count(), 0, 'a malformed amount gives no answer');

  // The history download is the activity as CSV.
  const csv = await page.request.get(env.base + `${first}/history.csv`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^Date,What,Amount,To fees,To interest,To principal,Unapplied,Status\r\n/);
});

test('forgot username and forgot password, then signing in with the new password and the app', async () => {
  await submit('Sign out');
  await go('/forgot-username');
  await page.getByLabel('Email address').fill(MARIA.email);
  await submit('Email my username');
  assert.equal(await heading(), 'Check your email');
  assert.equal(await fromMailbox(/It is: (\S+)/), USERNAME);
  await go('/forgot-password');
  await page.getByLabel('Username').fill(USERNAME);
  await submit('Email me a link');
  assert.equal(await heading(), 'Check your email');
  const link = await fromMailbox(/(\/reset-password\?token=[0-9a-f]+)/);
  await go(link);
  password = 'copper kettle midnight rain';
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Enter it again').fill(password);
  await submit('Change password');
  assert.match(await page.locator('main').innerText(), /Your password is changed/);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(password);
  await submit('Continue');
  assert.equal(await heading(), 'Enter the code from your app', 'a reset never skips the second step');
  await page.getByLabel('Code', { exact: true }).fill(await freshTotp());
  await submit('Continue');
  assert.equal(await heading(), 'Your loans');
});

test('signing out everywhere ends every session', async () => {
  await go('/profile');
  // A link to a confirm page that states the consequence, then the button that does it.
  await page.getByRole('link', { name: 'Sign out everywhere', exact: true }).click();
  await page.waitForLoadState();
  assert.equal(await heading(), 'Sign out everywhere?');
  assert.match(await page.locator('main').innerText(), /this one included/);
  await submit('Sign out everywhere');
  assert.match(await page.locator('main').innerText(), /You have signed out/);
  const response = await page.goto(env.base + '/dashboard');
  assert.match(response.url(), /\/login\?ended=1/);
  await page.close();
});
