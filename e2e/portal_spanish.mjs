// A Spanish-speaking borrower (issue 22, item 17), as she would use the portal: the lender
// boards her loan (an operator's `servicer board`), and Lucía opens the portal from a browser
// that asks for Spanish. Everything is in Spanish from the first page: she enrolls (her code
// arrives in Spanish), adds her bank account, pays, and after the night's close of business
// reads her first statement, as a page and as a PDF, in Spanish. Every page is checked by axe,
// and the pages she uses are checked again at 320 px in both languages (she switches to
// English and back). Runs last: close of business moves the demo's business date forward.
// With E2E_SHOTS=DIR set, the pages are photographed at desktop and phone width.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { env, bin, serverEnv, checkAxe } from './harness.mjs';
import { servicer } from './lockbox_day.mjs';

const shots = process.env.E2E_SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

/** An account number of 16 digits: `base` (15 digits) and its Luhn check digit. */
function withCheckDigit(base) {
  let sum = 0;
  [...base].reverse().forEach((d, i) => {
    let n = Number(d);
    if (i % 2 === 0) { n *= 2; if (n > 9) n -= 9; }
    sum += n;
  });
  return base + String((10 - (sum % 10)) % 10);
}

/** YYYY-MM-DD of a Date (UTC fields). */
const iso = (d) => d.toISOString().slice(0, 10);
/** `d` plus `days`. */
const plus = (d, days) => new Date(d.getTime() + days * 86400000);
/** `d` moved by `months`, on the same day of the month (the days used are at most 28). */
const monthsFrom = (d, months) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));

// Today's business date is the servicer's (Eastern) date.
const today = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()) + 'T00:00:00Z');
// Her next due date: 23 to 40 days away, on a day of the month every month has, so its
// statement (21 days before it) is issued within days.
let due = plus(today, 23);
while (due.getUTCDate() > 28) due = plus(due, 1);
const LUCIA = {
  account: withCheckDigit('521840000000401'),
  ssn: '623-45-1289',
  ssn4: '1289',
  dob: '03/09/1988',
  zip: '60623',
  email: 'lucia.hernandez@example.com',
  username: 'lucia.hernandez',
  password: 'girasol montaña río azul',
};
const grouped = LUCIA.account.replace(/(\d{4})(?=\d)/g, '$1 ');

let page;

async function heading() {
  return (await page.locator('h1').innerText()).trim();
}

async function go(path) {
  await page.goto(env.base + path);
  await page.waitForLoadState();
  await checkAxe(page, path);
}

async function submit(button) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
  await checkAxe(page, `${page.url()} after "${button}"`);
}

async function shot(name) {
  if (!shots) return;
  const size = page.viewportSize();
  for (const [w, h] of [[1280, 900], [375, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(shots, `es-${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize(size ?? { width: 1280, height: 800 });
}

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

/** The English a Spanish page must not show (the page's text, not its markup). */
async function assertNoEnglish(what) {
  const text = await page.locator('body').innerText();
  const words = text.split(/[^\p{L}]+/u).map((w) => w.toLowerCase());
  const english = ['the', 'your', 'you', 'and', 'with', 'will', 'this', 'please', 'payment', 'balance'];
  const found = english.filter((w) => words.includes(w));
  assert.deepEqual(found, [], `${what} shows English words`);
}

test('the lender boards Lucía’s loan', () => {
  const firstPayment = monthsFrom(due, -2);
  const row = {
    account_number: LUCIA.account,
    borrower_name: 'Lucía Hernández',
    ssn: LUCIA.ssn,
    date_of_birth: '1988-03-09',
    address_line1: '2520 S Kedzie Ave',
    address_line2: '',
    city: 'Chicago',
    state: 'IL',
    zip: LUCIA.zip,
    email: LUCIA.email,
    phone: '3125550188',
    original_amount: '6000.00',
    rate: '9.99',
    day_count: 'actual/365',
    term_months: '24',
    disbursement_date: iso(monthsFrom(firstPayment, -1)),
    first_payment_date: iso(firstPayment),
    payment_amount: '276.84',
    balances_as_of: iso(today),
    current_principal: '5552.18',
    accrued_interest: '10.00',
    fees_due: '0.00',
    next_due_date: iso(due),
    paid_to_date: iso(monthsFrom(due, -1)),
    autopay_at_prior_servicer: 'N',
  };
  const file = join(env.dir, 'lucia.csv');
  writeFileSync(file, `${Object.keys(row).join(',')}\n${Object.values(row).join(',')}\n`);
  const said = servicer(bin, env.dir, serverEnv, ['board', '--file', file]);
  assert.match(said, /1 loan/);
});

test('a browser that asks for Spanish gets the portal in Spanish, and Lucía enrolls', async () => {
  await env.context.clearCookies();
  page = await env.context.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' });
  await go('/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  await assertNoEnglish('the home page');
  await shot('landing');
  await go('/enroll');
  assert.equal(await heading(), 'Crear su acceso');
  await assertNoEnglish('the enrolment page');
  // A wrong fact is refused in Spanish, every one at once.
  await page.getByLabel('Número de cuenta').fill('1234');
  await page.getByLabel('Últimos 4 dígitos de su número de Seguro Social').fill('12');
  await page.getByLabel('Fecha de nacimiento').fill(LUCIA.dob);
  await page.getByLabel('Código postal (ZIP)').fill(LUCIA.zip);
  await submit('Continuar');
  assert.match(await page.locator('.error-summary h2').innerText(), /Hay un problema/);
  await assertNoEnglish('the refused enrolment');
  await shot('enroll-refused');
  await page.getByLabel('Número de cuenta').fill(grouped);
  await page.getByLabel('Últimos 4 dígitos de su número de Seguro Social').fill(LUCIA.ssn4);
  await page.getByLabel('Fecha de nacimiento').fill(LUCIA.dob);
  await page.getByLabel('Código postal (ZIP)').fill(LUCIA.zip);
  await submit('Continuar');
  assert.equal(await heading(), 'Revise sus mensajes');
  // Her code comes in Spanish: she has no sign-in yet, and she is reading Spanish.
  const code = await fromMailbox(/Su código de Servicer Demo Lending[^0-9]{0,40}(\d{6})/);
  await page.getByLabel('Código', { exact: true }).fill(code);
  await submit('Continuar');
  assert.equal(await heading(), 'Elija un nombre de usuario y una contraseña');
  await page.getByLabel('Nombre de usuario').fill(LUCIA.username);
  await page.getByLabel('Contraseña', { exact: true }).fill(LUCIA.password);
  await page.getByLabel('Vuelva a ingresar la contraseña').fill(LUCIA.password);
  await submit('Crear acceso');
  assert.equal(await heading(), 'Sus préstamos');
  await assertNoEnglish('the dashboard');
  await shot('dashboard');
});

test('she adds her bank account and pays, in Spanish from the form to the receipt', async () => {
  await go('/payment-methods/new');
  await page.getByLabel('Nombre del titular de la cuenta').fill('Lucía Hernández');
  await page.getByLabel('Número de ruta').fill('231380104');
  await page.getByLabel('Número de cuenta', { exact: true }).fill('000987654321');
  await page.getByLabel('Número de cuenta otra vez').fill('000987654321');
  await submit('Guardar la cuenta bancaria');
  assert.match(await page.locator('main').innerText(), /4321/);
  await assertNoEnglish('the payment methods');
  await go('/dashboard');
  await page.getByRole('link', { name: /^Hacer un pago/ }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, 'the pay page');
  assert.equal(await heading(), 'Hacer un pago');
  await assertNoEnglish('the pay page');
  await page.getByLabel('Otro monto', { exact: true }).check();
  await page.getByLabel('Otro monto, en dólares').fill('12.345');
  await submit('Revisar el pago');
  assert.match(await page.locator('.error-summary').innerText(), /Hay un problema/);
  await assertNoEnglish('the refused amount');
  await shot('pay-refused');
  await page.getByLabel('Otro monto', { exact: true }).check();
  await page.getByLabel('Otro monto, en dólares').fill('50.00');
  await submit('Revisar el pago');
  assert.equal(await heading(), 'Revise su pago');
  assert.match(await page.locator('main').innerText(), /Cómo se aplicará/);
  await assertNoEnglish('the review');
  await shot('pay-review');
  await submit('Pagar $50.00');
  const text = await page.locator('main').innerText();
  assert.match(text, /Número de confirmación/);
  assert.match(text, /Pendiente/);
  await assertNoEnglish('the receipt');
  await shot('receipt');
  // The email of her payment is in Spanish too: her sign-in keeps the language she enrolled in.
  const box = await env.context.newPage();
  await box.goto(env.base + '/demo/mailbox');
  assert.match(await box.locator('main').innerText(), /Pago de \$50\.00 programado/);
  await box.close();
});

test('after close of business her first statement is in Spanish, as a page and as a PDF', async () => {
  // The night's runs through the day her statement is issued (each day's ACH file first).
  servicer(bin, env.dir, serverEnv, ['cob', '--until', iso(plus(due, -19)), '--quiet']);
  await go('/documents');
  assert.equal(await heading(), 'Sus documentos');
  await assertNoEnglish('the documents center');
  await shot('documents');
  await page.getByRole('link', { name: /^Ver ?: Estado de cuenta mensual/ }).first().click();
  await page.waitForLoadState();
  await checkAxe(page, 'the statement');
  assert.match(await heading(), /^Estado de cuenta mensual del \d+ de \p{L}+ de \d{4}$/u);
  const text = await page.locator('main').innerText();
  assert.match(text, /Saldo anterior/);
  assert.match(text, /Saldo nuevo/);
  await assertNoEnglish('the statement');
  await shot('statement');
  const href = await page.getByRole('link', { name: /PDF/ }).first().getAttribute('href');
  const response = await page.request.get(env.base + href);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  const pdf = (await response.body()).toString('latin1');
  assert.ok(pdf.includes('/Lang (es-US)'), 'the PDF says it is Spanish');
  assert.ok(pdf.includes('Saldo anterior'), 'the PDF reads in Spanish');
});

test('at 320 px every page she used fits and passes axe, in Spanish and in English', async () => {
  const paths = ['/', '/enroll', '/dashboard', `/loans/${LUCIA.account}`, `/loans/${LUCIA.account}/pay`, '/payment-methods', '/documents', '/profile', '/help'];
  await page.setViewportSize({ width: 320, height: 740 });
  for (const lang of ['es', 'en']) {
    if (lang === 'en') {
      // She switches language from the header; her choice is kept.
      await go('/dashboard');
      await submit('English');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await heading(), 'Your loans');
    }
    for (const path of paths) {
      await go(path);
      assert.equal(await page.locator('html').getAttribute('lang'), lang, path);
      const [scroll, width, widest] = await page.evaluate(() => {
        // The element that sticks out furthest, to say what does not fit.
        // (not counting what scrolls inside a box of its own, as a wide table does).
        const scrolls = (el) => {
          for (let a = el.parentElement; a; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
          }
          return false;
        };
        let far = { right: 0, what: '' };
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right > far.right && !scrolls(el)) far = { right: Math.round(r.right), what: `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent || '').trim().slice(0, 60)}` };
        }
        return [document.documentElement.scrollWidth, window.innerWidth, far];
      });
      assert.ok(scroll <= width, `${path} in ${lang}: ${scroll}px wide on a ${width}px screen (${widest.what}, to ${widest.right}px)`);
    }
  }
  // And back to Spanish.
  await submit('Español');
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  await page.setViewportSize({ width: 1280, height: 800 });
});
