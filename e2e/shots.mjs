// Screenshots for a person to look at (not a test): the console, the public pages and a
// borrower's portal pages (enrolled for the occasion) at desktop and phone width, from the real
// `servicer serve --demo`, the documents center among them (the list, a Truth in Lending
// disclosure, a payoff letter). The borrower writes a secure message; then the demo agent finds
// Maria, opens her account, verifies the caller, takes a payment by phone (the pay page, the
// review with the words to read, the receipt) and opens the inbox and the thread; the demo
// admin's staff list ends each width. Then an operator imports a day's lockbox file with the CLI
// (lockbox_day.mjs) and the agent works the exception queue: the queue, an item (open, a
// mistyped account number refused, applied, split, returned) and the day's report at desktop
// and at 390 and 320 px. Last, servicing actions (issue 20): the agent's actions page of Maria's
// loan 1015, where they ask to reverse a payment the lockbox posted; the approvals inbox as the
// maker sees it and as the supervisor (signed in beside) sees it, then approved; and Aisha's
// due-date page in the portal, refused, with a preview, and changed; at desktop, 390 and 320 px.
//
//   node e2e/shots.mjs OUT_DIR      (E2E_SERVICER_BIN, CHROMIUM as for the tests)

import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { LOANS, grouped, mistype, servicer, usd, writeLockboxDay } from './lockbox_day.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.E2E_SERVICER_BIN ?? resolve(here, '../target/release/servicer');
const out = process.argv[2] ?? join(tmpdir(), 'servicer-shots');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'servicer-shots-'));
// The server's environment: the operator's commands run with it, in `scratch`.
const serverEnv = { ...process.env, SERVICER_LISTEN: '127.0.0.1:0', SERVICER_METRICS_LISTEN: '127.0.0.1:0', SERVICER_LOG_LEVEL: 'warn' };
const child = spawn(bin, ['serve', '--demo'], {
  cwd: scratch,
  env: serverEnv,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((ok) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = line.match(/^Servicer is running: (http:\/\/[^/]+)\//);
    if (m) ok(m[1]);
  });
});

function totp(base32) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Signs a demo console user in on `page` (each user once per 30-second step). */
async function signIn(page, email) {
  await page.goto(base + '/console/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo console passphrase');
  await page.getByLabel('Authenticator code').fill(totp('ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const [label, width] of [['desktop', 1280], ['phone', 375]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const shot = async (name) => page.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
    await page.goto(base + '/');
    await shot('landing');
    await page.goto(base + '/console/sign-in');
    await shot('console-sign-in');
    await signIn(page, 'supervisor@demo.example');
    await shot('console-home');
    await page.goto(base + '/console/reports/aging');
    await shot('console-aging');
    // A borrower enrolls (one per width: Maria at desktop, Aisha on the phone).
    const who = label === 'desktop'
      ? ['5218400000001015', '6789', '04/12/1985', '62704', 'maria.shots']
      : ['5218400000003011', '4321', '07/28/1992', '98103', 'aisha.shots'];
    await page.goto(base + '/enroll');
    await page.getByLabel('Account number').fill(who[0]);
    await page.getByLabel('Last 4 digits of your Social Security number').fill(who[1]);
    await page.getByLabel('Date of birth').fill(who[2]);
    await page.getByLabel('ZIP code').fill(who[3]);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const box = await browser.newPage();
    await box.goto(base + '/demo/mailbox');
    const code = (await box.locator('main').innerText()).match(/code is (\d{6})/)[1];
    await box.close();
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByLabel('Username').fill(who[4]);
    await page.getByLabel('Password', { exact: true }).fill('lantern orchard velvet harbor');
    await page.getByLabel('Enter the password again').fill('lantern orchard velvet harbor');
    await page.getByRole('button', { name: 'Create sign-in', exact: true }).click();
    await shot('portal-dashboard');
    const loan = await page.locator('.loan-card a[href^="/loans/"]').first().getAttribute('href');
    const account = loan.split('/')[2];
    for (const [name, path] of [['portal-loan', `/loans/${account}`], ['portal-pay', `/loans/${account}/pay`], ['portal-autopay', `/loans/${account}/autopay`], ['portal-profile', '/profile'], ['portal-alerts', '/profile/alerts'], ['portal-paperless', '/profile/paperless'], ['portal-methods', '/payment-methods'], ['portal-messages', '/messages'], ['portal-schedule', `/loans/${account}/schedule`], ['portal-autopay-off-confirm', `/loans/${account}/autopay/cancel`], ['portal-sign-out-everywhere-confirm', '/logout-everywhere'], ['portal-what-if', `/loans/${account}?extra=50.00&often=monthly#what-if`], ['portal-interest', `/loans/${account}/interest/2026`], ['portal-hardship', `/hardship?loan=${account}`], ['portal-documents', '/documents'], ['portal-truth-in-lending', `/loans/${account}/truth-in-lending`], ['portal-payoff-letter', `/loans/${account}/payoff-letter`]]) {
      await page.goto(base + path);
      await shot(name);
    }
    // A bank account, then AutoPay where the product allows twice a month or every other
    // week (the demo's first loan of each borrower): the form, and the words to agree to.
    await page.goto(base + '/payment-methods/new');
    await page.getByLabel('Name on the account').fill('Maria Lopez');
    await page.getByLabel('Routing number').fill('231380104');
    await page.getByLabel('Account number', { exact: true }).fill('000123456789');
    await page.getByLabel('Account number again').fill('000123456789');
    await page.getByRole('button', { name: 'Save bank account', exact: true }).click();
    await page.goto(base + `/loans/${account}/autopay`);
    await shot('portal-autopay-form');
    await page.getByLabel(/Every other week: half the payment/).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await shot('portal-autopay-biweekly-review');
    // Turning paperless on without the consent: the page says why, nothing changes.
    await page.goto(base + '/profile/paperless');
    await page.getByRole('button', { name: 'Go paperless' }).click();
    await shot('portal-paperless-refused');
    // The borrower writes to us: a thread for the console's inbox.
    await page.goto(base + '/messages/new');
    await page.getByLabel('Subject').fill('Can my payment be due on the 15th?');
    await page.getByLabel('Your message').fill('My pay day moved. Could my payment be due on the 15th of each month instead?');
    await page.getByRole('button', { name: 'Send message', exact: true }).click();
    await page.close();

    // The demo agent's day: find Maria, her account, a payment by phone, the inbox and a thread.
    const desk = await browser.newPage({ viewport: { width, height: 900 } });
    const deskShot = async (name) => desk.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
    await signIn(desk, 'agent@demo.example');
    await deskShot('console-home-agent');
    await desk.getByLabel('Find a borrower or loan').fill('maria lopez');
    await desk.getByRole('button', { name: 'Search', exact: true }).click();
    await deskShot('console-search');
    await desk.locator('table tbody').getByRole('link', { name: 'Maria Lopez' }).click();
    await deskShot('console-account');
    // The agent's pass lasts 15 minutes: at the second width it still holds.
    if (await desk.getByRole('button', { name: 'Check the answers' }).count()) {
      await desk.locator('#verify').getByLabel('Date of birth').fill('04/12/1985');
      await desk.locator('#verify').getByLabel('Last 4 of the SSN').fill('6789');
      await desk.getByRole('button', { name: 'Check the answers' }).click();
      await desk.waitForLoadState();
    }
    await desk.getByRole('link', { name: 'Take a payment' }).click();
    await deskShot('console-pay');
    await desk.getByRole('group', { name: 'Loan' }).getByRole('radio', { name: /^Loan ending 1023:/ }).check();
    await desk.getByLabel('Another amount').check();
    await desk.getByLabel('Other amount, in dollars').fill('150.00');
    await desk.getByLabel('A bank account the borrower reads out now').check();
    await desk.getByLabel('Name on the account').fill('Maria Lopez');
    await desk.getByLabel('Routing number').fill('231380104');
    await desk.getByLabel('Account number', { exact: true }).fill('4400123456');
    await desk.getByLabel('Account number again').fill('4400123456');
    await desk.getByRole('button', { name: 'Review the payment' }).click();
    await deskShot('console-pay-review');
    await desk.getByLabel('The borrower agreed to this authorization').check();
    await desk.getByRole('button', { name: /^Take the payment of/ }).click();
    await deskShot('console-pay-receipt');
    // What the borrower sees, read-only: her dashboard and the past-due loan's page.
    const accountPath = new URL(desk.url()).pathname.split('/pay')[0];
    await desk.goto(base + `${accountPath}/portal`);
    await deskShot('console-borrower-view');
    await desk.getByRole('link', { name: /Details and activity for the loan ending 1023/ }).click();
    await deskShot('console-borrower-view-loan');
    await desk.goto(base + '/console/password');
    await deskShot('console-password');
    await desk.goto(base + '/console/messages');
    await deskShot('console-messages');
    await desk.locator('table tbody a[href^="/console/messages/"]').first().click();
    await deskShot('console-thread');
    await desk.close();

    // The demo admin's staff list.
    const admin = await browser.newPage({ viewport: { width, height: 900 } });
    await signIn(admin, 'admin@demo.example');
    await admin.goto(base + '/console/staff');
    await admin.screenshot({ path: join(out, `console-staff-${label}.png`), fullPage: true });
    await admin.close();
    // A new sign-in within the same 30 s would reuse the code: wait for the next step.
    await new Promise((ok) => setTimeout(ok, 31_000));
  }

  // The lockbox exception queue. The agent signs in (the wait above began a new step) and
  // reads the business date; the operator imports that day's file where the server runs.
  const lockbox = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(lockbox, 'agent@demo.example');
  const date = (await lockbox.locator('main').innerText()).match(/Business date (\d{4}-\d{2}-\d{2})/)[1];
  const { file, checks } = writeLockboxDay(bin, scratch, serverEnv, date);
  console.log(servicer(bin, scratch, serverEnv, ['lockbox', 'import', '--file', file]).trim());
  const checkLink = (n) => lockbox.getByRole('link', { name: new RegExp(`^Check 0*${Number(checks[n - 1].checkNumber)}$`) });
  await lockbox.goto(base + '/console/remittances');
  const items = {};
  for (const n of [4, 5, 6, 7]) items[n] = await checkLink(n).getAttribute('href');
  const widths = [['desktop', 1280], ['phone-390', 390], ['phone-320', 320]];
  const lockboxShot = (name, label) => lockbox.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
  const press = async (name) => {
    await lockbox.getByRole('button', { name, exact: true }).click();
    await lockbox.waitForLoadState();
  };
  // Before any work: the queue, the check that named no loan, and a mistyped account number
  // refused on it (which changes nothing).
  for (const [label, width] of widths) {
    await lockbox.setViewportSize({ width, height: 900 });
    await lockbox.goto(base + '/console/remittances');
    await lockboxShot('console-remittances', label);
    await lockbox.goto(base + items[5]);
    await lockboxShot('console-remittance-item', label);
    await lockbox.getByLabel('Account number', { exact: true }).fill(mistype(LOANS.maria, 9));
    await press('Apply the whole check');
    await lockboxShot('console-remittance-refused', label);
  }
  // The work, at desktop width: apply, split (a sum that does not add up first), return.
  await lockbox.setViewportSize({ width: 1280, height: 900 });
  await lockbox.goto(base + items[5]);
  await lockbox.getByLabel('Account number', { exact: true }).fill(grouped(LOANS.maria));
  await press('Apply the whole check');
  await lockbox.goto(base + items[6]);
  const splitCents = checks[5].cents;
  for (const second of [usd(splitCents - 10_950).slice(1), usd(splitCents - 10_000).slice(1)]) {
    await lockbox.getByLabel('Loan 1: account number', { exact: true }).fill(LOANS.maria);
    await lockbox.getByLabel('Loan 1: amount', { exact: true }).fill('100.00');
    await lockbox.getByLabel('Loan 2: account number', { exact: true }).fill(grouped(LOANS.mariaPastDue));
    await lockbox.getByLabel('Loan 2: amount', { exact: true }).fill(second);
    await press('Split the check');
    if (second !== usd(splitCents - 10_000).slice(1)) await lockboxShot('console-remittance-split-refused', 'desktop');
  }
  await lockbox.goto(base + items[4]);
  await lockbox.getByLabel('Why it goes back').fill('The loan this coupon names was paid off in full; nothing is owed on it.');
  await press('Return to the sender');
  // After the work: each item as resolved, the queue left, and the day's report.
  for (const [label, width] of widths) {
    await lockbox.setViewportSize({ width, height: 900 });
    for (const [name, to] of [['console-remittance-applied', items[5]], ['console-remittance-split', items[6]], ['console-remittance-returned', items[4]], ['console-remittance-open', items[7]], ['console-remittances-after', '/console/remittances'], ['console-remittances-day', `/console/remittances/days/${date}`]]) {
      await lockbox.goto(base + to);
      await lockboxShot(name, label);
    }
  }

  // Servicing actions (issue 20). The agent's actions page of Maria's loan 1015, which the
  // lockbox paid; the agent asks to reverse a payment (posted in error): a request.
  const actions = `/console/loans/${LOANS.maria}/actions`;
  for (const [label, width] of widths) {
    await lockbox.setViewportSize({ width, height: 900 });
    await lockbox.goto(base + actions);
    await lockboxShot('console-loan-actions', label);
  }
  await lockbox.setViewportSize({ width: 1280, height: 900 });
  await lockbox.goto(base + actions);
  const posted = lockbox.locator('section[aria-labelledby="payments"] article').first();
  const postedId = (await posted.getAttribute('aria-labelledby')).replace(/^payment-/, '');
  await posted.locator('summary').click();
  await posted.getByLabel('Why it is reversed').selectOption('posted_in_error');
  await lockbox.locator(`#reverse-note-${postedId}`).fill('Keyed to this loan from the lockbox by mistake');
  await posted.getByRole('button', { name: /^Reverse the payment/ }).click();
  await lockbox.waitForLoadState();
  await lockboxShot('console-loan-actions-sent', 'desktop');
  // The inbox as the maker sees it: waiting, and "My requests".
  for (const [label, width] of widths) {
    await lockbox.setViewportSize({ width, height: 900 });
    await lockbox.goto(base + '/console/approvals');
    await lockboxShot('console-approvals-maker', label);
    await lockbox.goto(base + '/console/approvals?tab=mine');
    await lockboxShot('console-approvals-mine', label);
  }
  // The supervisor, in a context of their own (both sessions stand): the request waiting with
  // its decision forms, then approved. Their last sign-in was more than 30 s ago.
  const checker = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(checker, 'supervisor@demo.example');
  for (const [label, width] of widths) {
    await checker.setViewportSize({ width, height: 900 });
    await checker.goto(base + '/console/approvals');
    await checker.screenshot({ path: join(out, `console-approvals-checker-${label}.png`), fullPage: true });
  }
  await checker.setViewportSize({ width: 1280, height: 900 });
  await checker.goto(base + '/console/approvals');
  await checker.getByRole('button', { name: /^Approve request/ }).first().click();
  await checker.waitForLoadState();
  await checker.screenshot({ path: join(out, 'console-approvals-approved-desktop.png'), fullPage: true });
  await checker.close();
  await lockbox.goto(base + '/console/approvals?tab=mine');
  await lockboxShot('console-approvals-mine-done', 'desktop');

  // Aisha (enrolled at phone width as aisha.shots) signs in with a mailed code and opens the
  // due-date page of her loan: the current day refused, a day the rule allows previewed
  // (tried from the days near the next due date), then changed.
  const aisha = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await aisha.goto(base + '/login');
  await aisha.getByLabel('Username').fill('aisha.shots');
  await aisha.getByLabel('Password', { exact: true }).fill('lantern orchard velvet harbor');
  await aisha.getByRole('button', { name: 'Continue', exact: true }).click();
  await aisha.waitForLoadState();
  if ((await aisha.locator('h1').innerText()).trim() === 'Check your messages') {
    const box = await browser.newPage();
    await box.goto(base + '/demo/mailbox');
    const code = (await box.locator('main').innerText()).match(/code is (\d{6})/)[1];
    await box.close();
    await aisha.getByLabel('Code', { exact: true }).fill(code);
    await aisha.getByRole('button', { name: 'Continue', exact: true }).click();
    await aisha.waitForLoadState();
  }
  const dueDate = `/loans/${LOANS.aisha}/due-date`;
  await aisha.goto(base + dueDate);
  const current = Number(await aisha.getByLabel('Day of the month').inputValue());
  const near = [7, -7, 6, -6, 8, -8, 9, -9, 10, -10, 5, -5, 11, -11, 12, -12].map((k) => ((current + k + 27) % 28) + 1);
  let allowed = 0;
  for (const day of [...new Set([...near, ...Array.from({ length: 28 }, (_, i) => i + 1)])].filter((d) => d !== current)) {
    await aisha.goto(base + `${dueDate}?day=${day}`);
    if (await aisha.locator('#preview').count()) {
      allowed = day;
      break;
    }
  }
  const aishaShot = (name, label) => aisha.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
  for (const [label, width] of widths) {
    await aisha.setViewportSize({ width, height: 900 });
    await aisha.goto(base + dueDate);
    await aishaShot('portal-due-date', label);
    await aisha.goto(base + `${dueDate}?day=${current}`);
    await aishaShot('portal-due-date-refused', label);
    if (allowed) {
      await aisha.goto(base + `${dueDate}?day=${allowed}`);
      await aishaShot('portal-due-date-preview', label);
    }
  }
  if (allowed) {
    await aisha.setViewportSize({ width: 1280, height: 900 });
    await aisha.goto(base + `${dueDate}?day=${allowed}`);
    await aisha.getByRole('button', { name: /^Change my due date to the/ }).click();
    await aisha.waitForLoadState();
    await aishaShot('portal-due-date-changed', 'desktop');
  } else {
    console.log('shots: no day was allowed for the due-date preview');
  }
  await aisha.close();
  await lockbox.close();
} finally {
  // However the shots end, the server and the browser stop (a failure is still reported).
  await browser.close();
  child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
