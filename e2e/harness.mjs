// The browser tests' harness: the real `servicer serve --demo` in a scratch directory, driven
// through Debian's Chromium by playwright-core; `visit` checks a page with axe-core (WCAG 2.2
// AA). E2E_SERVICER_BIN names the binary (default: target/release/servicer); CHROMIUM the
// browser (default: /usr/bin/chromium). Both must exist: a missing one fails loudly.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createHmac } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
export const bin = process.env.E2E_SERVICER_BIN ?? resolve(here, '../target/release/servicer');
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

let server, scratch;
/** What the tests share: the server's address and the browser context, and the directory
 * the server runs in (an operator command run there with `serverEnv` opens its database). */
export const env = { base: '', context: null, mailbox: '', dir: '' };
/** The environment the server runs with. */
export const serverEnv = { ...process.env, SERVICER_LISTEN: '127.0.0.1:0', SERVICER_METRICS_LISTEN: '127.0.0.1:0', SERVICER_LOG_LEVEL: 'warn' };

/** Starts `servicer serve --demo` on free ports and resolves with its address. */
function startServer(dir) {
  const child = spawn(bin, ['serve', '--demo'], {
    cwd: dir,
    env: serverEnv,
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
  env.dir = scratch;
  let url;
  ({ child: server, url } = await startServer(scratch));
  env.base = url;
  env.context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await env.context?.close();
  if (server) {
    const exited = new Promise((ok) => server.on('exit', ok));
    server.kill('SIGTERM');
    assert.equal(await exited, 0, 'servicer stops cleanly on SIGTERM');
  }
  rmSync(scratch, { recursive: true, force: true });
});

/** Opens `path`, checks the status, and asserts axe finds no WCAG 2.2 A/AA violation. */
export async function visit(path, status = 200) {
  const page = await env.context.newPage();
  const response = await page.goto(env.base + path);
  assert.equal(response.status(), status, `${path} status`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/, `${path} has the CSP`);
  await checkAxe(page, path);
  return page;
}

/** Asserts axe finds no WCAG 2.2 A/AA violation on the page as it is now. */
export async function checkAxe(page, what = page.url()) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  assert.deepEqual(summary, [], `${what}: axe violations`);
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, and its step. */
export function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const step = Math.floor(at / 30000);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return { code: String(n % 1000000).padStart(6, '0'), step };
}
