// Screenshots for a person to look at (not a test): the console and a few portal pages at
// desktop and phone width, from the real `servicer serve --demo`.
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

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.E2E_SERVICER_BIN ?? resolve(here, '../target/release/servicer');
const out = process.argv[2] ?? join(tmpdir(), 'servicer-shots');
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'servicer-shots-'));
const child = spawn(bin, ['serve', '--demo'], {
  cwd: scratch,
  env: { ...process.env, SERVICER_LISTEN: '127.0.0.1:0', SERVICER_METRICS_LISTEN: '127.0.0.1:0', SERVICER_LOG_LEVEL: 'warn' },
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

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const [label, width] of [['desktop', 1280], ['phone', 375]]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const shot = async (name) => page.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
  await page.goto(base + '/');
  await shot('landing');
  await page.goto(base + '/console/sign-in');
  await shot('console-sign-in');
  await page.getByLabel('Email').fill('supervisor@demo.example');
  await page.getByLabel('Password').fill('demo console passphrase');
  await page.getByLabel('Authenticator code').fill(totp('ONSXE5TJMNSXELLEMVWW6LLTORQWMZRB'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await shot('console-home');
  await page.goto(base + '/console/reports/aging');
  await shot('console-aging');
  await page.close();
  // A new sign-in within the same 30 s would reuse the code: wait for the next step.
  await new Promise((ok) => setTimeout(ok, 31_000));
}
await browser.close();
child.kill('SIGTERM');
rmSync(scratch, { recursive: true, force: true });
console.log(`screenshots in ${out}`);
