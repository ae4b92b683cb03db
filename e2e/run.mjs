// Browser tests: the real `servicer serve --demo` in a scratch directory, driven through
// Debian's Chromium by playwright-core, every page checked by axe-core (WCAG 2.2 AA).
//
//   cargo build --release && npm --prefix e2e ci && node e2e/run.mjs
//
// E2E_SERVICER_BIN names the binary (default: target/release/servicer); CHROMIUM the browser
// (default: /usr/bin/chromium). Both must exist: a missing one fails loudly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.E2E_SERVICER_BIN ?? resolve(here, '../target/release/servicer');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
for (const [what, path, how] of [
  ['servicer binary', bin, 'cargo build --release -p cli'],
  ['Chromium', browserPath, 'apt-get install -y chromium'],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} not found at ${path} (${how})`);
    process.exit(1);
  }
}

let server, base, scratch, context;

/** Starts `servicer serve --demo` on free ports and resolves with its address. */
function startServer(dir) {
  const child = spawn(bin, ['serve', '--demo'], {
    cwd: dir,
    env: { ...process.env, SERVICER_LISTEN: '127.0.0.1:0', SERVICER_METRICS_LISTEN: '127.0.0.1:0', SERVICER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = line.match(/^Servicer is running: (http:\/\/[^/]+)\//);
      if (m) ok({ child, url: m[1] });
    });
    child.on('exit', (code) => fail(new Error(`servicer exited early with ${code}`)));
  });
}

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'servicer-e2e-'));
  ({ child: server, url: base } = await startServer(scratch));
  context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await context?.close();
  if (server) {
    const exited = new Promise((ok) => server.on('exit', ok));
    server.kill('SIGTERM');
    assert.equal(await exited, 0, 'servicer stops cleanly on SIGTERM');
  }
  rmSync(scratch, { recursive: true, force: true });
});

/** Opens `path`, checks the status, and asserts axe finds no WCAG 2.2 A/AA violation. */
async function visit(path, status = 200) {
  const page = await context.newPage();
  const response = await page.goto(base + path);
  assert.equal(response.status(), status, `${path} status`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/, `${path} has the CSP`);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(summary, [], `${path}: axe violations`);
  return page;
}

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
  const page = await context.newPage();
  await page.goto(base + '/help');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('pages fit a phone screen without sideways scrolling', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/help']) {
    await page.goto(base + path);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide on a ${width}px screen`);
  }
  await page.close();
});
